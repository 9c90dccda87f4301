import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const localShort = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "2026-11-27 15:59:07 UTC": unambiguous, for audit records and hover text. */
export function utcText(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * A moment in the agent's local time, with UTC on hover. Audit views pass `utc` to show UTC
 * itself, since audit records are compared across time zones.
 */
@Component({
  selector: 'rg-time',
  template: `@if (value(); as iso) {
      <time [attr.datetime]="iso" [title]="utc() ? 'Coordinated Universal Time' : utcText(iso)">{{ text() }}</time>
    } @else {
      <span class="none">—</span>
    }`,
  styles: `
    time {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LocalTime {
  readonly value = input<string | null | undefined>();
  readonly utc = input(false);
  readonly short = input(false);
  protected readonly utcText = utcText;
  protected readonly text = computed(() => {
    const iso = this.value();
    if (!iso) return '';
    if (this.utc()) return utcText(iso);
    return (this.short() ? localShort : local).format(new Date(iso));
  });
}
