import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { AuditEvent, AuditPage as AuditEventsPage, ChainVerdict } from '../api/views';
import { DEFAULT_EXPORT_DAYS, exportLink } from '../shared/export-link';
import { LocalTime } from '../shared/local-time';
import { OUTLINED_FIELDS } from '../shared/form-fields';

const PAGE = 100;

/** `YYYY-MM-DD` as the start of that UTC day: audit times are UTC throughout. */
const utcDay = (day: string, plus = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + plus * 86_400_000);
/** Today's UTC day, moved by a number of days, as `YYYY-MM-DD`. */
const utcDayText = (plus: number) => new Date(Date.now() + plus * 86_400_000).toISOString().slice(0, 10);

/** The tamper-evident audit log, newest first, read-only; every time in UTC. */
@Component({
  selector: 'rg-audit-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, RouterLink, LocalTime],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class AuditPage {
  private readonly api = inject(ConsoleApi);
  protected readonly events = signal<AuditEvent[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');
  protected readonly verdict = signal<ChainVerdict | null>(null);
  protected readonly verifying = signal(false);
  protected readonly verifyError = signal('');
  protected readonly exportFrom = signal(utcDayText(-(DEFAULT_EXPORT_DAYS - 1)));
  protected readonly exportTo = signal(utcDayText(0));
  protected readonly exportHref = computed(() =>
    this.exportFrom() && this.exportTo()
      ? exportLink('audit-events', utcDay(this.exportFrom()), utcDay(this.exportTo(), 1))
      : { error: 'Choose the first and the last day.' },
  );

  constructor() {
    void this.load();
  }

  protected async load(more = false): Promise<void> {
    this.loading.set(true);
    this.error.set('');
    const cursor = more ? this.nextCursor() : null;
    try {
      const page = await this.api.data<AuditEventsPage>(
        this.api.client.GET('/api/v1/audit-events', { params: { query: { limit: PAGE, ...(cursor && { cursor }) } } }),
      );
      this.events.update((shown) => (more ? [...shown, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (err) {
      this.error.set(describeError(err));
    } finally {
      this.loading.set(false);
    }
  }

  protected async verifyChain(): Promise<void> {
    this.verifying.set(true);
    this.verifyError.set('');
    try {
      this.verdict.set(await this.api.data<ChainVerdict>(this.api.client.GET('/api/v1/audit-events/verify')));
    } catch (err) {
      this.verifyError.set(describeError(err));
    } finally {
      this.verifying.set(false);
    }
  }

  protected details(event: AuditEvent): string {
    const entries = Object.entries(event.details ?? {});
    return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');
  }
}
