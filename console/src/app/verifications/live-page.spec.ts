import type { VerificationPage, VerificationView } from '../api/views';
import { verification } from '../../testing/verification-view';
import { LiveSinceLoad } from './live-since-load';
import { loadedWithLive, type PagePlace, type ShownPage, withLive } from './live-page';
import { NO_FILTERS } from './verification-filters';

/** A verification created at hh:00 on 1 July: the list is newest first. */
const at = (hour: number, fields: Partial<VerificationView> = {}) =>
  verification({ id: `v-${hour}`, createdAt: `2026-07-01T${String(hour).padStart(2, '0')}:00:00.000Z`, ...fields });

const ids = (shown: ShownPage | undefined) => shown?.rows.map((v) => v.id);

/** The rows created at 14:00, 12:00 and 10:00; 40 in the whole list. */
const shown: ShownPage = { rows: [at(14), at(12), at(10)], total: 40 };
const onlyPage: PagePlace = { filters: NO_FILTERS, first: true, last: true };
const firstPage: PagePlace = { ...onlyPage, last: false };
const middlePage: PagePlace = { ...onlyPage, first: false, last: false };
const lastPage: PagePlace = { ...onlyPage, first: false, last: true };

describe('withLive: a live update to the page on screen', () => {
  it('updates a row on screen in place, moving nothing', () => {
    const passed = at(12, { status: 'passed' });
    const live = withLive(shown, passed, middlePage);
    expect(live).toEqual({ shown: { rows: [at(14), passed, at(10)], total: 40 }, joined: false });
    expect(live?.shown.rows[1]).toBe(passed);
  });

  it('updates a row on screen even when it no longer matches the filters: rows do not vanish under the agent', () => {
    const linkSentOnly: PagePlace = { ...firstPage, filters: { ...NO_FILTERS, status: 'link_sent' } };
    const failed = at(12, { status: 'failed' });
    expect(withLive(shown, failed, linkSentOnly)?.shown.rows[1]).toBe(failed);
  });

  it('a new verification joins the first page at the top, and counts', () => {
    const live = withLive(shown, at(16), firstPage);
    expect(live?.joined).toBe(true);
    expect(ids(live?.shown)).toEqual(['v-16', 'v-14', 'v-12', 'v-10']);
    expect(live?.shown.total).toBe(41);
  });

  it('a new verification does not jump onto a later page: it belongs on an earlier one', () => {
    expect(withLive(shown, at(16), middlePage)).toBeUndefined();
    expect(withLive(shown, at(16), lastPage)).toBeUndefined();
  });

  it('an older verification that starts to match joins at its place by creation time, on any page', () => {
    expect(ids(withLive(shown, at(11), middlePage)?.shown)).toEqual(['v-14', 'v-12', 'v-11', 'v-10']);
    expect(ids(withLive(shown, at(13), middlePage)?.shown)).toEqual(['v-14', 'v-13', 'v-12', 'v-10']);
  });

  it('one older than every row joins the end of the last page, and no other', () => {
    expect(ids(withLive(shown, at(8), lastPage)?.shown)).toEqual(['v-14', 'v-12', 'v-10', 'v-8']);
    expect(withLive(shown, at(8), firstPage)).toBeUndefined();
    expect(withLive(shown, at(8), middlePage)).toBeUndefined();
  });

  it('one that does not match the filters stays off the page', () => {
    const byIvr: PagePlace = { ...onlyPage, filters: { ...NO_FILTERS, referrer: 'apikey:ivr' } };
    expect(withLive(shown, at(16), byIvr)).toBeUndefined();
    expect(ids(withLive(shown, at(16, { initiatedBy: 'apikey:ivr' }), byIvr)?.shown)?.[0]).toBe('v-16');
  });

  it('the first verification of an empty list shows, and counts from nothing', () => {
    const empty: ShownPage = { rows: [], total: null };
    expect(withLive(empty, at(9), onlyPage)).toEqual({ shown: { rows: [at(9)], total: 1 }, joined: true });
  });

  it('leaves the page it was given unchanged', () => {
    const before = structuredClone(shown);
    withLive(shown, at(16), firstPage);
    withLive(shown, at(12, { status: 'passed' }), firstPage);
    expect(shown).toEqual(before);
  });
});

describe('loadedWithLive: a page as loaded, with what arrived live while it loaded', () => {
  const page = (items: VerificationView[], nextCursor: string | null = 'next'): VerificationPage => ({ items, nextCursor, total: 40 });
  /** A load begins (reset), then these arrive live before it answers. */
  const whileLoading = (...views: VerificationView[]) => {
    const live = new LiveSinceLoad();
    live.reset();
    views.forEach((v) => live.record(v));
    return live;
  };
  const first = { filters: NO_FILTERS, first: true };
  const later = { filters: NO_FILTERS, first: false };

  it('is the page as loaded when nothing arrived', () => {
    expect(loadedWithLive(page([at(14), at(12)]), whileLoading(), first)).toEqual({ rows: [at(14), at(12)], total: 40 });
  });

  it('never lets the load’s answer overwrite a newer live update', () => {
    const passed = at(12, { status: 'passed' });
    const result = loadedWithLive(page([at(14), at(12)]), whileLoading(passed), first);
    expect(result.rows[1]).toBe(passed);
    expect(result.total).toBe(40);
  });

  it('takes the load’s answer over an update from before the load began', () => {
    const live = new LiveSinceLoad();
    live.record(at(12, { status: 'passed' }));
    live.reset();
    expect(loadedWithLive(page([at(14), at(12)]), live, first).rows[1]).toEqual(at(12));
  });

  it('adds a verification created while it loaded at its place, and counts it', () => {
    const result = loadedWithLive(page([at(14), at(12)]), whileLoading(at(16), at(15)), first);
    expect(ids(result)).toEqual(['v-16', 'v-15', 'v-14', 'v-12']);
    expect(result.total).toBe(42);
  });

  it('adds none to a later page that is newer than its rows, nor one the filters exclude', () => {
    expect(ids(loadedWithLive(page([at(14), at(12)]), whileLoading(at(16)), later))).toEqual(['v-14', 'v-12']);
    const failedOnly = { ...first, filters: { ...NO_FILTERS, status: 'failed' as const } };
    expect(ids(loadedWithLive(page([at(14, { status: 'failed' })]), whileLoading(at(16)), failedOnly))).toEqual(['v-14']);
  });

  it('knows the last page from the page itself: no next cursor', () => {
    const older = at(8);
    expect(ids(loadedWithLive(page([at(14), at(12)], null), whileLoading(older), later))).toEqual(['v-14', 'v-12', 'v-8']);
    expect(ids(loadedWithLive(page([at(14), at(12)], 'next'), whileLoading(older), later))).toEqual(['v-14', 'v-12']);
  });
});
