import type { VerificationPage, VerificationView } from '../api/views';
import type { LiveSinceLoad } from './live-since-load';
import { matchesFilters, type VerificationFilters } from './verification-filters';

/** The rows on screen and the count above them (null until a page has loaded). */
export interface ShownPage {
  rows: VerificationView[];
  total: number | null;
}

/** Where the shown page sits in the list: which verifications belong on it. */
export interface PagePlace {
  filters: VerificationFilters;
  /** Page 0: a verification newer than every row belongs at its top. */
  first: boolean;
  /** No page after it: a verification older than every row belongs at its end. */
  last: boolean;
}

/**
 * The page with a verification that was not on it, placed by creation time (newest first), if
 * it fits the filters and falls within this page; undefined if it belongs elsewhere. So a new
 * verification appears at the top, and an old one that starts to match the filters takes its
 * place, while a change to an old one on another page moves nothing here.
 */
export function withNew(shown: ShownPage, view: VerificationView, place: PagePlace): ShownPage | undefined {
  if (!matchesFilters(view, place.filters)) return undefined;
  const { rows } = shown;
  const later = rows.findIndex((row) => row.createdAt < view.createdAt);
  // Older than everything here: the end of the last page, or a later page.
  const at = later >= 0 ? later : place.last ? rows.length : -1;
  // Newer than everything here, on a page after the first: an earlier page.
  if (at < 0 || (at === 0 && !place.first)) return undefined;
  return { rows: [...rows.slice(0, at), view, ...rows.slice(at)], total: (shown.total ?? 0) + 1 };
}

/**
 * A change from the live stream: the row updates in place; one not shown joins the page where it
 * belongs (`joined`, so it can be highlighted). Undefined when the page does not change.
 */
export function withLive(shown: ShownPage, view: VerificationView, place: PagePlace): { shown: ShownPage; joined: boolean } | undefined {
  const at = shown.rows.findIndex((row) => row.id === view.id);
  if (at >= 0) return { shown: { rows: shown.rows.map((row, i) => (i === at ? view : row)), total: shown.total }, joined: false };
  const joined = withNew(shown, view, place);
  return joined && { shown: joined, joined: true };
}

/** A page as loaded, with what arrived live while it loaded: updated rows, and new verifications in their place. */
export function loadedWithLive(page: VerificationPage, live: LiveSinceLoad, place: Omit<PagePlace, 'last'>): ShownPage {
  const where = { ...place, last: page.nextCursor === null };
  return live.missingFrom(page.items).reduce((shown, view) => withNew(shown, view, where) ?? shown, {
    rows: page.items.map((v) => live.latest(v)),
    total: page.total as number | null,
  });
}
