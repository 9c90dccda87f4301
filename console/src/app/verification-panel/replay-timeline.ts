import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { ReplayVerdict } from '../api/views';
import { LocalTime } from '../shared/local-time';

/**
 * The auditor's view: the workflow history replayed against the current code, with a verdict
 * (deterministic or not) and each decision in order. Replaying costs the server a moment, so it
 * runs when asked.
 */
@Component({
  selector: 'rg-replay-timeline',
  imports: [MatButtonModule, MatProgressBarModule, LocalTime],
  template: `
    @if (verdict(); as v) {
      <p class="banner" [class.good]="v.deterministic" [class.error]="!v.deterministic" role="status">
        @if (v.deterministic) {
          The history replays on the current workflow code: what it shows is what happened.
        } @else {
          The history does not replay on the current code. {{ v.error }}
        }
      </p>
      <ol class="timeline">
        @for (e of v.timeline; track $index) {
          <li>
            <rg-time [value]="e.at" />
            <span class="event">{{ e.event }}</span>
            <span class="detail">{{ e.detail }}</span>
          </li>
        }
      </ol>
      <button mat-button type="button" (click)="replay()" [disabled]="busy()">Replay again</button>
    } @else {
      <p class="muted">
        Replays the workflow history and lists who started it, under which policy, each answer's grade, the risk, the outcome and who
        approved.
      </p>
      <button mat-stroked-button type="button" (click)="replay()" [disabled]="busy()">Replay history</button>
    }
    <div class="progress-slot">
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Replaying the history" />
      }
    </div>
    @if (error()) {
      <p class="banner error" role="alert">{{ error() }}</p>
    }
  `,
  styles: `
    .timeline {
      list-style: none;
      padding: 0;
      margin: 0 0 0.5rem;
      border-left: 2px solid var(--mat-sys-outline-variant);
    }
    .timeline li {
      display: grid;
      grid-template-columns: 13rem 10rem 1fr;
      gap: 0.75rem;
      padding: 0.3rem 0 0.3rem 0.9rem;
      position: relative;
    }
    .timeline li::before {
      content: '';
      position: absolute;
      left: -5px;
      top: 0.65rem;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
    }
    .event {
      font-weight: 500;
    }
    .progress-slot {
      height: 4px;
      margin-top: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReplayTimeline {
  readonly verificationId = input.required<string>();
  private readonly api = inject(ConsoleApi);
  protected readonly result = signal<{ id: string; verdict: ReplayVerdict } | null>(null);
  protected readonly verdict = computed(() => (this.result()?.id === this.verificationId() ? this.result()!.verdict : null));
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected async replay(): Promise<void> {
    const id = this.verificationId();
    this.busy.set(true);
    this.error.set('');
    try {
      const verdict = await this.api.data<ReplayVerdict>(
        this.api.client.POST('/api/v1/verifications/{id}/replay', { params: { path: { id } } }),
      );
      this.result.set({ id, verdict });
    } catch (err) {
      this.error.set(describeError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
