import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ProofState } from '../shared/labels';

/**
 * A shape per state, beside its word (never instead of it): a tick, a cross, a warning triangle, a
 * dash, a clock. Inline SVG: the console loads no icon font.
 */
@Component({
  selector: 'rg-proof-state-icon',
  template: `
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" [class]="state()">
      @switch (state()) {
        @case ('met') {
          <circle cx="10" cy="10" r="9" />
          <path d="M5.5 10.5l3 3 6-6.5" class="mark" />
        }
        @case ('failed') {
          <circle cx="10" cy="10" r="9" />
          <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" class="mark" />
        }
        @case ('against') {
          <path d="M10 1.5l9 16.5H1z" />
          <path d="M10 7.5v5M10 15v.5" class="mark" />
        }
        @case ('waiting') {
          <circle cx="10" cy="10" r="8" class="ring" />
          <path d="M10 5.5V10l3 2" class="hand" />
        }
        @case ('pending') {
          <circle cx="10" cy="10" r="8" class="ring" />
          <path d="M10 5.5V10l3 2" class="hand" />
        }
        @default {
          <circle cx="10" cy="10" r="8" class="ring" />
          <path d="M6 10h8" class="hand" />
        }
      }
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    svg {
      flex: none;
    }
    .mark {
      fill: none;
      stroke: #fff;
      stroke-width: 2.2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .ring {
      fill: none;
      stroke: currentColor;
      stroke-width: 1.8;
    }
    .hand {
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
    }
    .met {
      fill: #1b6e35;
    }
    .failed {
      fill: #a3231a;
    }
    .against {
      fill: #a3231a;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProofStateIcon {
  readonly state = input.required<ProofState>();
}
