import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, linkedSignal, resource, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { VerificationPage, VerificationView } from '../api/views';
import { PAGE_ROLES } from '../auth/roles';
import { Session } from '../auth/session';
import { REASON, principalName } from '../shared/labels';
import { LocalTime } from '../shared/local-time';
import { StatusChip } from '../shared/status-chip';
import { FilterBar } from './filter-bar';
import { LiveIndicator } from './live-indicator';
import { DEFAULT_EXPORT_DAYS, exportLink } from '../shared/export-link';
import { dayStart, hasFilters, listQuery, matchesFilters, nextDay, type VerificationFilters } from './verification-filters';
import { LiveSinceLoad } from './live-since-load';
import { VerificationEvents } from './verification-events';
import { VerificationListState } from './verification-list-state';
import { OUTLINED_FIELDS } from '../shared/form-fields';

/** The agent's home: every verification, newest first, changing live as callers verify. */
@Component({
  selector: 'rg-verifications-page',
  imports: [MatButtonModule, MatPaginatorModule, MatProgressBarModule, RouterLink, FilterBar, LiveIndicator, LocalTime, StatusChip],
  templateUrl: './verifications-page.html',
  styleUrl: './verifications-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class VerificationsPage {
  private readonly api = inject(ConsoleApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(Session);
  protected readonly state = inject(VerificationListState);
  protected readonly reasons = REASON;
  protected readonly principalName = principalName;
  protected readonly canSend = computed(() => this.session.hasAnyRole(PAGE_ROLES.sendLink));

  /** Bumped when the live stream may have missed changes: a new load, even over one still running. */
  private readonly resyncs = signal(0);
  private readonly liveSinceLoad = new LiveSinceLoad();
  protected readonly page = resource({
    params: () => ({
      filters: this.state.filters(),
      limit: this.state.pageSize(),
      cursor: this.state.cursors().at(-1),
      resync: this.resyncs(),
    }),
    loader: ({ params, abortSignal }) => {
      this.liveSinceLoad.reset();
      return this.api.data<VerificationPage>(
        this.api.client.GET('/api/v1/verifications', {
          params: { query: { ...listQuery(params.filters), limit: params.limit, ...(params.cursor && { cursor: params.cursor }) } },
          signal: abortSignal,
        }),
      );
    },
  });
  /**
   * What is on screen: the last page loaded, with what arrived live while it loaded, then patched by
   * each live update; kept while the next page loads (no jumps).
   */
  private readonly shown = linkedSignal<VerificationPage | undefined, { rows: VerificationView[]; total: number | null }>({
    source: () => (this.page.hasValue() ? this.page.value() : undefined),
    computation: (page, previous) => {
      if (!page) return previous?.value ?? { rows: [], total: null };
      // Filters and page are read, not tracked: only a newly loaded page recomputes this.
      return untracked(() =>
        this.liveSinceLoad.missingFrom(page.items).reduce((shown, view) => this.withNew(shown, view) ?? shown, {
          rows: page.items.map((v) => this.liveSinceLoad.latest(v)),
          total: page.total as number | null,
        }),
      );
    },
  });
  protected readonly rows = computed(() => this.shown().rows);
  protected readonly total = computed(() => this.shown().total);
  /** Rows that arrived live, highlighted for a moment. */
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  protected readonly pageIndex = computed(() => this.state.cursors().length - 1);
  protected readonly filtered = computed(() => hasFilters(this.state.filters()));
  protected readonly errorText = computed(() => (this.page.status() === 'error' ? describeError(this.page.error()) : ''));
  protected readonly canExport = computed(() => this.session.hasAnyRole(PAGE_ROLES.export));
  /** The From/To day filters when set, else the last 30 days. */
  protected readonly exportRange = computed(() => {
    const { from, to } = this.state.filters();
    const today = new Date();
    const end = to ? nextDay(to) : new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const start = from ? dayStart(from) : new Date(end.getFullYear(), end.getMonth(), end.getDate() - DEFAULT_EXPORT_DAYS);
    return { link: exportLink('verifications', start, end), label: from || to ? 'chosen days' : `last ${DEFAULT_EXPORT_DAYS} days` };
  });

  constructor() {
    const stop = inject(VerificationEvents).listen({
      update: (view) => this.applyLive(view),
      resync: () => this.resyncs.update((n) => n + 1),
    });
    inject(DestroyRef).onDestroy(stop);
  }

  protected onFilters(filters: VerificationFilters): void {
    this.state.setFilters(filters);
  }

  protected onPage(event: PageEvent): void {
    if (event.pageSize !== this.state.pageSize()) return this.state.setPageSize(event.pageSize);
    if (event.pageIndex > this.pageIndex()) {
      const next = this.page.hasValue() ? this.page.value().nextCursor : null;
      if (next) this.state.cursors.update((c) => [...c, next]);
    } else if (event.pageIndex < this.pageIndex()) {
      this.state.cursors.update((c) => c.slice(0, Math.max(1, event.pageIndex + 1)));
    }
  }

  protected refresh(): void {
    this.page.reload();
  }

  protected open(id: string): void {
    void this.router.navigate(['/verifications', id]);
  }

  protected async sendLink(): Promise<void> {
    const { openSendLinkDialog } = await import('../send-link/open-send-link');
    const sent = await openSendLinkDialog(this.dialog, {});
    if (sent) this.open(sent.id);
  }

  /** A change from the live stream: the row updates in place; one not shown joins the page where it belongs. */
  private applyLive(view: VerificationView): void {
    this.liveSinceLoad.record(view);
    const { rows, total } = this.shown();
    const at = rows.findIndex((row) => row.id === view.id);
    if (at >= 0) {
      this.shown.set({ rows: rows.map((row, i) => (i === at ? view : row)), total });
      return;
    }
    const joined = this.withNew({ rows, total }, view);
    if (!joined) return;
    this.shown.set(joined);
    this.fresh.update((ids) => new Set([...ids, view.id]));
    setTimeout(() => this.fresh.update((ids) => new Set([...ids].filter((id) => id !== view.id))), 4000);
  }

  /**
   * The page with a verification that was not on it, placed by creation time (newest first), if
   * it fits the filters and falls within this page; undefined if it belongs elsewhere. So a new
   * verification appears at the top, and an old one that starts to match the filters takes its
   * place, while a change to an old one on another page moves nothing here.
   */
  private withNew(shown: { rows: VerificationView[]; total: number | null }, view: VerificationView) {
    if (!matchesFilters(view, this.state.filters())) return undefined;
    const { rows } = shown;
    const later = rows.findIndex((row) => row.createdAt < view.createdAt);
    const lastPage = this.page.hasValue() && this.page.value().nextCursor === null;
    // Older than everything here: the end of the last page, or a later page.
    const at = later >= 0 ? later : lastPage ? rows.length : -1;
    // Newer than everything here, on a page after the first: an earlier page.
    if (at < 0 || (at === 0 && this.pageIndex() !== 0)) return undefined;
    return { rows: [...rows.slice(0, at), view, ...rows.slice(at)], total: (shown.total ?? 0) + 1 };
  }
}
