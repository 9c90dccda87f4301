import { filtersToForm, type FilterForm, formToFilters } from './filter-form';
import { NO_FILTERS } from './verification-filters';

const ME = 'user:agent@example.com';
const emptyForm: FilterForm = { ...NO_FILTERS, mine: false };

describe('filtersToForm', () => {
  it('ticks "Only links I sent" for the agent’s own referrer, leaving the referrer field empty', () => {
    expect(filtersToForm({ ...NO_FILTERS, referrer: ME }, ME)).toEqual({ ...emptyForm, mine: true, referrer: '' });
  });

  it('shows someone else’s referrer as typed', () => {
    expect(filtersToForm({ ...NO_FILTERS, referrer: 'apikey:ivr' }, ME)).toEqual({ ...emptyForm, referrer: 'apikey:ivr' });
  });

  it('does not tick "mine" for no referrer, even before the session knows who the agent is', () => {
    expect(filtersToForm(NO_FILTERS, '')).toEqual(emptyForm);
  });

  it('carries the other filters over', () => {
    const filters = { q: 'ada', status: 'failed' as const, minRisk: 2, maxRisk: 8, referrer: '', from: '2026-07-01', to: '2026-07-02' };
    expect(filtersToForm(filters, ME)).toEqual({ ...filters, mine: false });
  });
});

describe('formToFilters', () => {
  it('sends the agent’s own principal id for "mine", whatever the referrer field held', () => {
    expect(formToFilters({ ...emptyForm, mine: true, referrer: 'apikey:ivr' }, ME).referrer).toBe(ME);
  });

  it('sends the referrer field as typed otherwise', () => {
    expect(formToFilters({ ...emptyForm, referrer: 'apikey:ivr' }, ME).referrer).toBe('apikey:ivr');
  });

  it('clamps the risk bounds to 0–10', () => {
    const filters = formToFilters({ ...emptyForm, minRisk: -3, maxRisk: 14 }, ME);
    expect([filters.minRisk, filters.maxRisk]).toEqual([0, 10]);
  });

  it('keeps 0 as a bound, and reads an empty or unreadable number field as no bound', () => {
    expect(formToFilters({ ...emptyForm, minRisk: 0, maxRisk: null }, ME)).toMatchObject({ minRisk: 0, maxRisk: null });
    expect(formToFilters({ ...emptyForm, minRisk: NaN, maxRisk: '' as unknown as number }, ME)).toMatchObject({
      minRisk: null,
      maxRisk: null,
    });
  });

  it('gives the filters the list takes, nothing more', () => {
    expect(formToFilters({ ...emptyForm, q: 'ada', mine: true }, ME)).toEqual({ ...NO_FILTERS, q: 'ada', referrer: ME });
  });

  it('round-trips the filters through the form', () => {
    for (const referrer of [ME, 'apikey:ivr', '']) {
      const filters = { ...NO_FILTERS, q: 'ada', minRisk: 1, referrer };
      expect(formToFilters(filtersToForm(filters, ME), ME)).toEqual(filters);
    }
  });
});
