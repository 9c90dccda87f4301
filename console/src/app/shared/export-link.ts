/** The API streams at most this many days per export (api/exports/export-query.dto.ts). */
export const EXPORT_MAX_DAYS = 366;
export const DEFAULT_EXPORT_DAYS = 30;
const DAY_MS = 86_400_000;

export type ExportLink = { href: string; error?: never } | { href?: never; error: string };

/**
 * A download link for `GET /api/v1/exports/{kind}` over [from, to). A plain link, so the browser
 * downloads it with the console's session cookie, streamed, without holding it in the page.
 */
export function exportLink(kind: 'verifications' | 'audit-events', from: Date, to: Date): ExportLink {
  if (from >= to) return { error: 'The first day is after the last day.' };
  if (to.getTime() - from.getTime() > EXPORT_MAX_DAYS * DAY_MS) return { error: `An export covers at most ${EXPORT_MAX_DAYS} days.` };
  const query = new URLSearchParams({ format: 'csv', from: from.toISOString(), to: to.toISOString() });
  return { href: `/api/v1/exports/${kind}?${query}` };
}
