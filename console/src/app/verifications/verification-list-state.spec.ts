import { NO_FILTERS, type VerificationFilters } from './verification-filters';
import { VerificationListState } from './verification-list-state';

const byAlice: VerificationFilters = { ...NO_FILTERS, referrer: 'user:alice@example.com' };

/** The list on page 2 (cursors for pages 1 and 2 collected on the way). */
function onThirdPage(): VerificationListState {
  const state = new VerificationListState();
  state.goToPage(1, 'c1');
  state.goToPage(2, 'c2');
  return state;
}

describe('VerificationListState', () => {
  it('starts unfiltered, 25 a page, on the first page', () => {
    const state = new VerificationListState();
    expect(state.filters()).toEqual(NO_FILTERS);
    expect(state.pageSize()).toBe(25);
    expect(state.cursors()).toEqual([undefined]);
  });

  describe('filters and page size', () => {
    it('new filters go back to the first page: the old cursors point into another list', () => {
      const state = onThirdPage();
      state.setFilters(byAlice);
      expect(state.filters()).toEqual(byAlice);
      expect(state.cursors()).toEqual([undefined]);
    });

    it('a new page size goes back to the first page', () => {
      const state = onThirdPage();
      state.setPageSize(50);
      expect(state.pageSize()).toBe(50);
      expect(state.cursors()).toEqual([undefined]);
    });

    it('keeps the filters when the page size changes, and the page size when the filters do', () => {
      const state = new VerificationListState();
      state.setFilters(byAlice);
      state.setPageSize(100);
      state.setFilters({ ...byAlice, q: 'bob' });
      expect(state.pageSize()).toBe(100);
      state.setPageSize(25);
      expect(state.filters().q).toBe('bob');
    });
  });

  describe('cursor paging', () => {
    it('steps forward with the shown page’s next cursor', () => {
      const state = new VerificationListState();
      state.goToPage(1, 'c1');
      expect(state.cursors()).toEqual([undefined, 'c1']);
      state.goToPage(2, 'c2');
      expect(state.cursors()).toEqual([undefined, 'c1', 'c2']);
    });

    it('stays put going forward without a next cursor (the last page, or one still loading)', () => {
      const state = onThirdPage();
      state.goToPage(3, null);
      expect(state.cursors()).toEqual([undefined, 'c1', 'c2']);
    });

    it('steps back one page, keeping the cursors before it', () => {
      const state = onThirdPage();
      state.goToPage(1, 'c3');
      expect(state.cursors()).toEqual([undefined, 'c1']);
    });

    it('jumps back to the first page', () => {
      const state = onThirdPage();
      state.goToPage(0, 'c3');
      expect(state.cursors()).toEqual([undefined]);
    });

    it('changes nothing for the page already shown', () => {
      const state = onThirdPage();
      const before = state.cursors();
      state.goToPage(2, 'c3');
      expect(state.cursors()).toBe(before);
    });
  });
});
