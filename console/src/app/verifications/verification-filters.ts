import type { VerificationStatus, VerificationView } from '../api/views';

/** What the agent filters the list by; dates are calendar days in the agent's time zone ("2026-11-27"). */
export interface VerificationFilters {
  q: string;
  status: VerificationStatus | '';
  minRisk: number | null;
  maxRisk: number | null;
  /** Who sent the link: "user:agent@example.com" or "apikey:ivr". */
  referrer: string;
  from: string;
  to: string;
}

export const NO_FILTERS: VerificationFilters = { q: '', status: '', minRisk: null, maxRisk: null, referrer: '', from: '', to: '' };

/** Start of a local calendar day as an instant. */
export function dayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The list's query parameters: `to` is exclusive, so a "to" day includes the whole of that day. */
export function listQuery(filters: VerificationFilters) {
  const query: {
    q?: string;
    status?: VerificationStatus;
    minRisk?: number;
    maxRisk?: number;
    initiatedBy?: string;
    from?: string;
    to?: string;
  } = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.status) query.status = filters.status;
  if (filters.minRisk !== null) query.minRisk = filters.minRisk;
  if (filters.maxRisk !== null) query.maxRisk = filters.maxRisk;
  if (filters.referrer.trim()) query.initiatedBy = filters.referrer.trim();
  if (filters.from) query.from = dayStart(filters.from).toISOString();
  if (filters.to) query.to = nextDay(filters.to).toISOString();
  return query;
}

export function nextDay(day: string): Date {
  const start = dayStart(day);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
}

/** The same rules as the API's list, applied to one live update: does a new verification belong on this page? */
export function matchesFilters(v: VerificationView, filters: VerificationFilters): boolean {
  const query = listQuery(filters);
  if (query.status && v.status !== query.status) return false;
  if (query.initiatedBy && v.initiatedBy !== query.initiatedBy) return false;
  if (query.minRisk !== undefined && (v.riskScore === null || v.riskScore < query.minRisk)) return false;
  if (query.maxRisk !== undefined && (v.riskScore === null || v.riskScore > query.maxRisk)) return false;
  const created = Date.parse(v.createdAt);
  if (query.from && created < Date.parse(query.from)) return false;
  if (query.to && created >= Date.parse(query.to)) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    const haystack = [v.user.name, v.user.email, v.ticketRef ?? ''].map((s) => s.toLowerCase());
    if (!haystack.some((field) => field.includes(needle))) return false;
  }
  return true;
}

export function hasFilters(filters: VerificationFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof VerificationFilters)[]).some((key) => filters[key] !== NO_FILTERS[key]);
}
