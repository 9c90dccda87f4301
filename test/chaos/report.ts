import type { Answer, AttemptRecord } from './client';
import type { ComponentEvent } from './components';
import type { Fault, FaultTimes } from './faults';
import type { FlowRecord } from './flows';
import type { ServerFindings } from './invariants';

/** One fault run: what the clients saw and what the servers hold afterwards. */
export interface RunResult {
  fault: Fault;
  flows: number;
  server: ServerFindings;
  /** Flows whose Start got a retryable answer and whose retry was refused with link-invalid. */
  stranded: number;
  /** Retries refused (401/404/409/422) after a retryable answer, instead of the first call's result. */
  refusedRetries: number;
  /** Calls refused because the session or approval window ran out during the outage (not an invariant). */
  expiredMidFlow: number;
  /** Attempts with no answer within the client's 5 s. */
  hung: number;
  serverErrors: number;
  /** Which calls hung or got a 500, over the whole run: where to look. */
  badAnswers: Record<string, number>;
  flowEnds: Record<string, number>;
  /** Every attempt's answer from the fault until the first success after the restart. */
  outageHistogram: Record<string, number>;
  times: FaultTimes;
  recoveryMs: number | null;
  events: ComponentEvent[];
  /** What the API and worker logged as errors (level ≥ 50), counted. */
  loggedErrors: Record<string, number>;
}

/** Workflow calls need every component (API, PostgreSQL, Temporal, worker): their first success says the system is back. */
const WORKFLOW_CALLS = new Set(['start', 'answer', 'finish', 'approve']);

export function summarise(
  fault: Fault,
  flows: FlowRecord[],
  attempts: AttemptRecord[],
  server: ServerFindings,
  times: FaultTimes,
  events: ComponentEvent[],
  loggedErrors: Record<string, number>,
): RunResult {
  const recovered = attempts
    .filter((a) => a.sentAt >= times.restartedAt && WORKFLOW_CALLS.has(a.operation) && typeof a.answer === 'number' && a.answer < 300)
    .reduce((first, a) => Math.min(first, a.answeredAt), Infinity);
  const windowEnd = Number.isFinite(recovered) ? recovered : times.servingAt;
  const outageHistogram: Record<string, number> = {};
  for (const a of attempts) if (a.sentAt >= times.injectedAt && a.sentAt <= windowEnd) bump(outageHistogram, label(a.answer, a.problem));
  // A Start refused after a retry, its link unspent: the link expired while the caller waited, no one spent it.
  const stranded = flows.filter((f) => f.stranded && server.spentLinks.has(f.verificationId!));
  const unspent = flows.filter((f) => f.stranded && !server.spentLinks.has(f.verificationId!));
  const badAnswers: Record<string, number> = {};
  for (const a of attempts) if (a.answer === 'timeout' || a.answer === 500) bump(badAnswers, `${a.operation} ${label(a.answer)}`);
  const flowEnds: Record<string, number> = {};
  for (const flow of flows) bump(flowEnds, `${flow.kind}: ${flow.end}`);
  return {
    fault,
    flows: flows.length,
    server,
    stranded: stranded.length,
    refusedRetries: flows.reduce((sum, f) => sum + f.refusedRetries.length, 0),
    expiredMidFlow: flows.reduce((sum, f) => sum + f.expiredMidFlow.length, 0) + unspent.length,
    hung: attempts.filter((a) => a.answer === 'timeout').length,
    serverErrors: attempts.filter((a) => a.answer === 500).length,
    badAnswers,
    flowEnds,
    outageHistogram,
    times,
    recoveryMs: Number.isFinite(recovered) ? recovered - times.restartedAt : null,
    events,
    loggedErrors,
  };
}

/** The invariants the issue's "Done when" names; empty when the run held them all. */
export function failures(r: RunResult): string[] {
  const s = r.server;
  const out: string[] = [];
  const check = (count: number, what: string) => count > 0 && out.push(`${r.fault}: ${count} ${what}`);
  check(s.lost.length, 'lost');
  check(s.stuck.length, 'stuck');
  check(s.duplicateMessages.length, 'with duplicate link messages');
  check(s.duplicateApprovals.length, 'with duplicate approvals');
  check(s.missingAudit.length, 'missing audit events');
  check(s.orphanWorkflows.length, 'orphan workflows');
  if (!s.auditChain.intact) out.push(`${r.fault}: audit chain broken at ${s.auditChain.firstBroken}`);
  check(r.stranded, 'callers stranded by a retry');
  check(r.refusedRetries, 'retries refused instead of answered');
  check(r.hung, 'calls hung past 5 s');
  check(r.serverErrors, 'answers of 500');
  return out;
}

export function renderTable(results: RunResult[]): string {
  const rows: [string, (r: RunResult) => string | number][] = [
    ['flows', (r) => r.flows],
    ['verifications', (r) => r.server.verifications],
    ['passed', (r) => r.server.outcomes.passed ?? 0],
    ['failed', (r) => r.server.outcomes.failed ?? 0],
    ['timed out', (r) => r.server.outcomes.timed_out ?? 0],
    ['other outcomes', (r) => otherOutcomes(r.server.outcomes)],
    ['lost', (r) => r.server.lost.length],
    ['stuck', (r) => r.server.stuck.length],
    ['duplicate messages', (r) => r.server.duplicateMessages.length],
    ['duplicate approvals', (r) => r.server.duplicateApprovals.length],
    ['missing audit events', (r) => r.server.missingAudit.length],
    ['orphan workflows', (r) => r.server.orphanWorkflows.length],
    ['audit chain', (r) => (r.server.auditChain.intact ? `ok (${r.server.auditChain.checked})` : 'BROKEN')],
    ['stranded callers', (r) => r.stranded],
    ['refused retries', (r) => r.refusedRetries],
    ['expired mid-flow', (r) => r.expiredMidFlow],
    ['hung calls (>5 s)', (r) => r.hung],
    ['500s', (r) => r.serverErrors],
    ['down (s)', (r) => seconds(r.times.restartedAt - r.times.injectedAt)],
    ['back up (s)', (r) => seconds(r.times.servingAt - r.times.restartedAt)],
    ['recovery (s)', (r) => (r.recoveryMs === null ? 'never' : seconds(r.recoveryMs))],
    ['unplanned exits', (r) => r.events.filter((e) => e.what.startsWith('exited')).length],
    ['invariants', (r) => (failures(r).length ? 'FAIL' : 'ok')],
  ];
  const header = ['', ...results.map((r) => r.fault)];
  const body = rows.map(([name, value]) => [name, ...results.map((r) => String(value(r)))]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The histograms, the flows' endings, the unplanned exits and a few examples of each failure. */
export function renderDetails(results: RunResult[], examples = 3): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`\n${r.fault}: client answers from the fault to recovery: ${histogram(r.outageHistogram)}`);
    out.push(`  flow endings: ${histogram(r.flowEnds)}`);
    if (Object.keys(r.badAnswers).length) out.push(`  hung calls and 500s: ${histogram(r.badAnswers)}`);
    const logged = Object.entries(r.loggedErrors).sort((a, b) => b[1] - a[1]);
    for (const [message, n] of logged.slice(0, 5)) out.push(`  logged ×${n}: ${message}`);
    for (const e of r.events) out.push(`  event +${seconds(e.at - r.times.injectedAt)} s: ${e.component} ${e.what}`);
    const s = r.server;
    const lists: [string, string[]][] = [
      ['lost', s.lost],
      ['stuck', s.stuck],
      ['duplicate messages', s.duplicateMessages],
      ['duplicate approvals', s.duplicateApprovals],
      ['missing audit', s.missingAudit],
      ['orphan workflows', s.orphanWorkflows],
    ];
    for (const [name, list] of lists)
      if (list.length)
        out.push(`  ${name}: ${list.slice(0, examples).join('; ')}${list.length > examples ? ` …and ${list.length - examples} more` : ''}`);
  }
  return out.join('\n');
}

function histogram(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, n]) => `${k} ×${n}`).join(', ') : '(none)';
}

function label(answer: Answer, problem?: string): string {
  return typeof answer === 'number' ? `${answer}${problem && answer >= 400 ? ` ${problem}` : ''}` : answer;
}

function otherOutcomes(outcomes: Record<string, number>): string {
  const other = Object.entries(outcomes).filter(([k]) => !['passed', 'failed', 'timed_out'].includes(k));
  return other.length ? other.map(([k, n]) => `${k} ${n}`).join(', ') : '0';
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
