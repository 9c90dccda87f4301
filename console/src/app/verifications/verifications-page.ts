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
import { dayStart, hasFilters, listQuery, nextDay, type VerificationFilters } from './verification-filters';
import { LiveSinceLoad } from './live-since-load';
import { loadedWithLive, type PagePlace, type ShownPage, withLive } from './live-page';
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
  private readonly shown = linkedSignal<VerificationPage | undefined, ShownPage>({
    source: () => (this.page.hasValue() ? this.page.value() : undefined),
    computation: (page, previous) => {
      if (!page) return previous?.value ?? { rows: [], total: null };
      // Filters and page are read, not tracked: only a newly loaded page recomputes this.
      return untracked(() => loadedWithLive(page, this.liveSinceLoad, { filters: this.state.filters(), first: this.pageIndex() === 0 }));
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
    this.state.goToPage(event.pageIndex, this.page.hasValue() ? this.page.value().nextCursor : null);
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
    const live = withLive(this.shown(), view, this.place());
    if (!live) return;
    this.shown.set(live.shown);
    if (!live.joined) return;
    this.fresh.update((ids) => new Set([...ids, view.id]));
    setTimeout(() => this.fresh.update((ids) => new Set([...ids].filter((id) => id !== view.id))), 4000);
  }

  /** The shown page's place in the list, for a live update (no page while one loads: it is not the last). */
  private place(): PagePlace {
    const lastPage = this.page.hasValue() && this.page.value().nextCursor === null;
    return { filters: this.state.filters(), first: this.pageIndex() === 0, last: lastPage };
  }
}
