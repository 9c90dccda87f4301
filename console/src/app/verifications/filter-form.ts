import type { VerificationFilters } from './verification-filters';

/** The filter bar's form: "Only links I sent" is a checkbox, not the agent's own principal id typed out. */
export interface FilterForm extends VerificationFilters {
  mine: boolean;
}

/** What the form shows for the filters: a referrer that is the agent themself ticks "mine" and leaves the field empty. */
export function filtersToForm(filters: VerificationFilters, me: string): FilterForm {
  const mine = !!filters.referrer && filters.referrer === me;
  return { ...filters, mine, referrer: mine ? '' : filters.referrer };
}

/** The filters the form stands for: risk clamped to 0–10 (empty is no bound), "mine" as the agent's principal id. */
export function formToFilters(form: FilterForm, me: string): VerificationFilters {
  const { mine, referrer, minRisk, maxRisk, ...rest } = form;
  return { ...rest, minRisk: riskOrNull(minRisk), maxRisk: riskOrNull(maxRisk), referrer: mine ? me : referrer };
}

/** A risk bound from a number field: out of range is clamped, and what is not a number (NaN, "") is no bound. */
function riskOrNull(value: number | string | null): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(10, Math.max(0, n)) : null;
}
