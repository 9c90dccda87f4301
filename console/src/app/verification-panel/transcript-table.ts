import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { TranscriptItem } from '../api/views';

const GRADE: Record<NonNullable<TranscriptItem['grade']>, string> = {
  correct: 'Correct',
  partial: 'Partly correct',
  incorrect: 'Incorrect',
  skipped: 'Skipped',
};

/** Each question the caller was asked, what they answered and how it was graded. Never the answer key. */
@Component({
  selector: 'rg-transcript-table',
  template: `
    @if (items().length === 0) {
      <p class="muted">No questions yet: they are generated when the caller presses Start.</p>
    } @else {
      <table class="data">
        <thead>
          <tr>
            <th scope="col" class="num">#</th>
            <th scope="col">Question</th>
            <th scope="col">Answer</th>
            <th scope="col">Grade</th>
            <th scope="col" class="num">Time</th>
          </tr>
        </thead>
        <tbody>
          @for (q of items(); track q.position) {
            <tr>
              <td class="num">{{ q.position }}</td>
              <td>
                {{ q.text }}
                <div class="muted small">
                  {{ q.kind }} · {{ q.type === 'multi' ? 'several answers' : q.type === 'text' ? 'free text' : 'one answer' }}
                </div>
              </td>
              <td>
                {{ answer(q) }}
                @if (q.pasted) {
                  <span class="flag"> (pasted)</span>
                }
              </td>
              <td>
                @if (q.grade) {
                  <span class="grade" [class]="'grade ' + q.grade">{{ grades[q.grade] }}</span>
                } @else {
                  <span class="muted">Not answered yet</span>
                }
              </td>
              <td class="num">{{ q.elapsedMs !== null ? (q.elapsedMs / 1000).toFixed(1) + ' s' : '—' }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .small {
      font-size: 0.8125rem;
    }
    .grade {
      font-weight: 500;
    }
    .correct {
      color: #0c5129;
    }
    .partial {
      color: #7a4a00;
    }
    .incorrect {
      color: #8c1d13;
    }
    .skipped {
      color: var(--mat-sys-on-surface-variant);
    }
    .flag {
      color: #8c1d13;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TranscriptTable {
  readonly items = input.required<TranscriptItem[]>();
  protected readonly grades = GRADE;

  protected answer(q: TranscriptItem): string {
    if (q.answer === null) return q.grade === 'skipped' ? '(skipped)' : '—';
    return Array.isArray(q.answer) ? q.answer.join(', ') : q.answer;
  }
}
