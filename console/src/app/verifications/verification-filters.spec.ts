import { verification } from '../../testing/verification-view';
import { dayStart, hasFilters, listQuery, matchesFilters, nextDay, NO_FILTERS, type VerificationFilters } from './verification-filters';

const filters = (set: Partial<VerificationFilters>): VerificationFilters => ({ ...NO_FILTERS, ...set });

beforeAll(() => {
  // Days are the agent's local days: jest.web.config.js runs the specs in London, which has summer time.
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/London');
});

describe('calendar days', () => {
  it('a day starts at local midnight', () => {
    expect(dayStart('2026-11-27').toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(dayStart('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z'); // BST
  });

  it('the next day starts at the next local midnight, even when the clocks change', () => {
    expect(nextDay('2026-03-29').toISOString()).toBe('2026-03-29T23:00:00.000Z'); // a 23-hour day
    expect(nextDay('2026-10-25').toISOString()).toBe('2026-10-26T00:00:00.000Z'); // a 25-hour day
  });

  it('the next day rolls over months and years', () => {
    expect(nextDay('2026-02-28').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(nextDay('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('listQuery: the filters as the API’s query', () => {
  it('sends nothing for no filters', () => {
    expect(listQuery(NO_FILTERS)).toEqual({});
  });

  it('trims the search and the referrer, and drops them when blank', () => {
    expect(listQuery(filters({ q: '  ada ', referrer: ' apikey:ivr ' }))).toEqual({ q: 'ada', initiatedBy: 'apikey:ivr' });
    expect(listQuery(filters({ q: '   ', referrer: '  ' }))).toEqual({});
  });

  it('keeps a risk bound of 0 (no bound is null, not 0)', () => {
    expect(listQuery(filters({ minRisk: 0, maxRisk: 0 }))).toEqual({ minRisk: 0, maxRisk: 0 });
  });

  it('passes the status', () => {
    expect(listQuery(filters({ status: 'failed' }))).toEqual({ status: 'failed' });
  });

  it('turns the days into instants, with "to" exclusive so the last day counts whole', () => {
    expect(listQuery(filters({ from: '2026-07-01', to: '2026-07-01' }))).toEqual({
      from: '2026-06-30T23:00:00.000Z',
      to: '2026-07-01T23:00:00.000Z',
    });
  });
});

describe('matchesFilters: does a live update belong in the filtered list?', () => {
  const ada = verification({ id: 'v-1', createdAt: '2026-07-01T12:00:00.000Z', riskScore: 3, ticketRef: 'INC-4711', status: 'passed' });

  it('everything matches no filters, even before a risk score', () => {
    expect(matchesFilters(ada, NO_FILTERS)).toBe(true);
    expect(matchesFilters({ ...ada, riskScore: null }, NO_FILTERS)).toBe(true);
  });

  it('by status', () => {
    expect(matchesFilters(ada, filters({ status: 'passed' }))).toBe(true);
    expect(matchesFilters(ada, filters({ status: 'failed' }))).toBe(false);
  });

  it('by who sent the link', () => {
    expect(matchesFilters(ada, filters({ referrer: 'user:agent@example.com' }))).toBe(true);
    expect(matchesFilters(ada, filters({ referrer: 'apikey:ivr' }))).toBe(false);
  });

  it('by risk, bounds included; no score yet matches no risk filter', () => {
    expect(matchesFilters(ada, filters({ minRisk: 3, maxRisk: 3 }))).toBe(true);
    expect(matchesFilters(ada, filters({ minRisk: 4 }))).toBe(false);
    expect(matchesFilters(ada, filters({ maxRisk: 2 }))).toBe(false);
    expect(matchesFilters({ ...ada, riskScore: null }, filters({ minRisk: 0 }))).toBe(false);
    expect(matchesFilters({ ...ada, riskScore: null }, filters({ maxRisk: 10 }))).toBe(false);
  });

  it('by local day: from its first moment, to the last moment of the "to" day', () => {
    const createdAt = (iso: string) => ({ ...ada, createdAt: iso });
    const july1 = filters({ from: '2026-07-01', to: '2026-07-01' });
    expect(matchesFilters(createdAt('2026-06-30T23:00:00.000Z'), july1)).toBe(true); // 00:00 BST
    expect(matchesFilters(createdAt('2026-07-01T22:59:59.999Z'), july1)).toBe(true); // 23:59:59.999 BST
    expect(matchesFilters(createdAt('2026-06-30T22:59:59.999Z'), july1)).toBe(false);
    expect(matchesFilters(createdAt('2026-07-01T23:00:00.000Z'), july1)).toBe(false);
  });

  it('by search: any case, in the name, email or ticket', () => {
    expect(matchesFilters(ada, filters({ q: 'LOVELACE' }))).toBe(true);
    expect(matchesFilters(ada, filters({ q: 'ada.love' }))).toBe(true);
    expect(matchesFilters(ada, filters({ q: ' inc-47 ' }))).toBe(true);
    expect(matchesFilters(ada, filters({ q: 'babbage' }))).toBe(false);
    expect(matchesFilters({ ...ada, ticketRef: null }, filters({ q: 'inc' }))).toBe(false);
  });

  it('all filters at once', () => {
    const all = filters({
      status: 'passed',
      referrer: 'user:agent@example.com',
      minRisk: 1,
      maxRisk: 5,
      q: 'ada',
      from: '2026-07-01',
      to: '2026-07-02',
    });
    expect(matchesFilters(ada, all)).toBe(true);
    expect(matchesFilters({ ...ada, status: 'failed' }, all)).toBe(false);
  });
});

describe('hasFilters', () => {
  it('is false for no filters', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
  });

  it('is true when any one filter is set, a risk bound of 0 included', () => {
    const set: Partial<VerificationFilters>[] = [
      { q: 'ada' },
      { status: 'failed' },
      { minRisk: 0 },
      { maxRisk: 10 },
      { referrer: 'apikey:ivr' },
      { from: '2026-07-01' },
      { to: '2026-07-01' },
    ];
    for (const one of set) expect(hasFilters(filters(one))).toBe(true);
  });
});
