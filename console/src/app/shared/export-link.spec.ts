import { EXPORT_MAX_DAYS, exportLink } from './export-link';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('exportLink', () => {
  it('links to the CSV export of the range, from inclusive and to exclusive', () => {
    const link = exportLink('verifications', day('2026-07-01'), day('2026-07-31'));
    const url = new URL(link.href!, 'https://console.example');
    expect(url.pathname).toBe('/api/v1/exports/verifications');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'csv',
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-07-31T00:00:00.000Z',
    });
    expect(link.error).toBeUndefined();
  });

  it('links to the audit export too', () => {
    expect(exportLink('audit-events', day('2026-07-01'), day('2026-07-02')).href).toMatch(/^\/api\/v1\/exports\/audit-events\?/);
  });

  it('refuses a range that ends before, or where, it starts', () => {
    expect(exportLink('verifications', day('2026-07-02'), day('2026-07-01'))).toEqual({ error: 'The first day is after the last day.' });
    expect(exportLink('verifications', day('2026-07-01'), day('2026-07-01'))).toEqual({ error: 'The first day is after the last day.' });
  });

  it('allows at most the days the API streams, and says so', () => {
    const from = day('2026-01-01');
    const longest = new Date(from.getTime() + EXPORT_MAX_DAYS * 86_400_000);
    expect(exportLink('verifications', from, longest).href).toBeDefined();
    expect(exportLink('verifications', from, new Date(longest.getTime() + 1))).toEqual({
      error: `An export covers at most ${EXPORT_MAX_DAYS} days.`,
    });
  });
});
