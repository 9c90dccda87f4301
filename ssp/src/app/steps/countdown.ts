import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';

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
  protected readonly secondsLeft = computed(() => Math.max(0, Math.round((this.until().getTime() - this.now()) / 1000)));
  protected readonly label = computed(() => {
    const s = this.secondsLeft();
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  });
  protected readonly announcement = computed(() => {
    const s = this.secondsLeft();
    return s <= 30 ? 'Less than 30 seconds left.' : s <= 60 ? 'One minute left.' : s <= 120 ? 'Two minutes left.' : '';
  });

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
