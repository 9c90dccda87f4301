import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { VerificationStatus } from '../api/views';
import { STATUS } from './labels';

/** A verification's status as a coloured label; the colour repeats the words, never replaces them. */
@Component({
  selector: 'rg-status-chip',
  template: `<span class="chip" [class]="'chip ' + info().tone" [title]="info().meaning">{{ info().label }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      font-size: 0.8125rem;
      font-weight: 500;
      line-height: 1.5;
      white-space: nowrap;
    }
    .wait {
      background: #e3ecfd;
      color: #0b3a8c;
    }
    .good {
      background: #dcf3e3;
      color: #0c5129;
    }
    .bad {
      background: #fde2e0;
      color: #8c1d13;
    }
    .neutral {
      background: #ebecef;
      color: #33363d;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChip {
  readonly status = input.required<VerificationStatus>();
  protected readonly info = computed(() => STATUS[this.status()]);
}
