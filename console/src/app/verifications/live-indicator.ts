import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { VerificationEvents } from './verification-events';

const TEXT = { live: 'Live', connecting: 'Connecting…', offline: 'Offline, retrying' };

/** A small dot and a word: whether changes arrive by themselves right now. */
@Component({
  selector: 'rg-live-indicator',
  template: `<span [class]="'indicator ' + events.state()" role="status" [title]="title()"
    ><span class="dot" aria-hidden="true"></span>{{ text() }}</span
  >`,
  styles: `
    .indicator {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      min-width: 7.5rem;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: #8a8d93;
    }
    .indicator.live .dot {
      background: #1b873f;
      box-shadow: 0 0 0 3px #1b873f33;
    }
    .indicator.offline .dot {
      background: #b3261e;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LiveIndicator {
  protected readonly events = inject(VerificationEvents);
  protected readonly text = computed(() => TEXT[this.events.state()]);
  protected readonly title = computed(() =>
    this.events.state() === 'live' ? 'Changes appear here as they happen' : 'Changes may not appear until the connection is back',
  );
}
