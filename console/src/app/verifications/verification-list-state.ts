import { Injectable, signal } from '@angular/core';
import { NO_FILTERS, type VerificationFilters } from './verification-filters';

/**
 * The list's filters and page, kept while the agent opens a verification and comes back, so the
 * list looks as they left it.
 */
@Injectable({ providedIn: 'root' })
export class VerificationListState {
  readonly filters = signal<VerificationFilters>(NO_FILTERS);
  readonly pageSize = signal(25);
  /** cursors[i] opens page i; page 0 needs none. Keyset paging can only step forward and back. */
  readonly cursors = signal<(string | undefined)[]>([undefined]);

  setFilters(filters: VerificationFilters): void {
    this.filters.set(filters);
    this.cursors.set([undefined]);
  }

  setPageSize(size: number): void {
    this.pageSize.set(size);
    this.cursors.set([undefined]);
  }

  /**
   * The paginator asks for page `index`. Forward is one page at a time, with the shown page's next
   * cursor (none on the last page, or while it loads: stay); back keeps the cursors before it.
   */
  goToPage(index: number, nextCursor: string | null): void {
    const current = this.cursors().length - 1;
    if (index > current) {
      if (nextCursor) this.cursors.update((c) => [...c, nextCursor]);
    } else if (index < current) {
      this.cursors.update((c) => c.slice(0, Math.max(1, index + 1)));
    }
  }
}
