/** A round top for a count axis (1, 2, 5, 10, 20, 50…) and the ticks under it. */
export function countAxis(max: number): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => max / s <= 5) ?? 10 * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return { top, ticks };
}

let nextId = 0;
/** Ids that tie an SVG to its title and description, unique on the page. */
export function chartId(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/** Outcome colours from the Okabe–Ito palette: told apart by people with colour-vision deficiencies too. */
export const OUTCOME_COLOURS = {
  passed: '#009E73',
  failed: '#D55E00',
  timed_out: '#E69F00',
  not_enough_questions: '#56B4E9',
  needs_referee: '#CC79A7',
  cancelled: '#8C8C8C',
} as const;
