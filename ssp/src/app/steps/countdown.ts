import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';
import { countdownAnnouncement, countdownLabel, secondsLeft } from './countdown-label';

/** Time left in the session. Announced to screen readers only at a few thresholds, not every second. */
@Component({
  selector: 'rg-countdown',
  template: `
    <p class="countdown" [class.low]="secondsLeft() <= 60">
      Time left: <strong>{{ label() }}</strong>
    </p>
    <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Countdown {
  readonly until = input.required<Date>();
  readonly expired = output<void>();

  private readonly now = signal(Date.now());
  protected readonly secondsLeft = computed(() => secondsLeft(this.until(), this.now()));
  protected readonly label = computed(() => countdownLabel(this.secondsLeft()));
  protected readonly announcement = computed(() => countdownAnnouncement(this.secondsLeft()));

  constructor() {
    const timer = setInterval(() => {
      this.now.set(Date.now());
      if (this.secondsLeft() === 0) {
        clearInterval(timer);
        this.expired.emit();
      }
    }, 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
