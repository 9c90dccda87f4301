import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { SessionQuestion } from '../api/ssp-client';
import type { AnswerValue } from '../verification/verification-flow';

export interface AnswerEvent {
  value: AnswerValue;
  elapsedMs: number;
  pasted: boolean;
}

/**
 * One question per screen: choose, type, or skip. The parent creates a new instance per question
 * (tracked by id), so the form and the clock for time-per-answer start fresh each time.
 */
@Component({
  selector: 'rg-question-step',
  templateUrl: './question-step.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionStep {
  readonly question = input.required<SessionQuestion>();
  readonly position = input.required<number>();
  readonly total = input.required<number>();
  readonly busy = input(false);
  readonly answered = output<AnswerEvent>();

  protected readonly selected = signal<string[]>([]);
  protected readonly text = signal('');
  protected readonly canContinue = computed(() =>
    this.question().type === 'text' ? this.text().trim().length > 0 : this.selected().length > 0,
  );
  private readonly shownAt = performance.now();
  private pasted = false;

  protected toggle(optionId: string, checked: boolean): void {
    if (this.question().type === 'single') this.selected.set([optionId]);
    else this.selected.update((ids) => (checked ? [...ids, optionId] : ids.filter((id) => id !== optionId)));
  }

  protected onPaste(): void {
    this.pasted = true;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (!this.canContinue() || this.busy()) return;
    const q = this.question();
    const value: AnswerValue =
      q.type === 'text'
        ? { text: this.text().trim() }
        : q.type === 'multi'
          ? { optionIds: this.selected() }
          : { optionId: this.selected()[0] };
    this.emit(value);
  }

  protected skip(): void {
    if (!this.busy()) this.emit(null);
  }

  private emit(value: AnswerValue): void {
    this.answered.emit({ value, elapsedMs: performance.now() - this.shownAt, pasted: this.pasted });
  }
}
