/**
 * The strength harness's report: one line per persona, then what decided each one's attempts,
 * then the goals. Rates are of the attempts the directory could question (a new joiner it knows
 * too little about ends in `not_enough_questions` whoever calls, and is counted apart).
 */
import { type ProofKind, type ProofResult, PROOF_KINDS } from '../../workflows/verification/assurance';
import type { RiskAssessment, VerificationPolicy } from '../../workflows/verification/model';
import { PERSONAS, type PersonaName } from './personas';
import type { LinkRoute } from './proofs';

export type SignalVerdict = 'passed' | 'challenge' | 'challenge bar raised by risk' | 'risk' | 'challenge+risk' | 'too few answered';
export type FailedBy = 'signals' | 'proofs against' | 'proofs failed' | 'no link';
export type Final = { outcome: 'passed'; decidedBy: ProofKind[] } | { outcome: 'needs_referee' } | { outcome: 'failed'; by: FailedBy };

export type AttemptRecord =
  | { questioned: false }
  | {
      questioned: true;
      route: LinkRoute;
      proofs: ProofResult[];
      metable: ProofKind[];
      /** decideOutcome alone, with the link wherever the caller asked: the rule before proofs. */
      today: SignalVerdict;
      /** decideOutcome with the link where it went; absent when the caller never got it. */
      signals?: SignalVerdict;
      risk?: RiskAssessment;
      /** assessProofs alone, signals ignored: what the proofs stop by themselves. */
      proofsAlone?: { standard: boolean; privileged: boolean };
      standard: Final;
      privileged: Final;
    };
type Questioned = Extract<AttemptRecord, { questioned: true }>;

export interface PolicyRates {
  pass: number;
  referee: number;
  failed: Record<FailedBy, number>;
}

export interface PersonaSummary {
  name: PersonaName;
  questioned: number;
  standard: PolicyRates;
  privileged: PolicyRates;
  today: number;
}

export interface StrengthResult {
  personas: PersonaSummary[];
  /** Genuine users who could satisfy the policy (destination of record and enough strong proofs available): their pass rate. */
  genuineAble: { standard: number; privileged: number };
  /** The share of all genuine users (the directory could question) routed to a referee. */
  genuineReferee: { standard: number; privileged: number };
  goalsMet: boolean;
  report: string;
}

/** The promise: impostors at most 1% (standard) and 0.1% (privileged); genuine users who can satisfy the policy at least 95%. */
export const GOALS = { impostorStandard: 0.01, impostorPrivileged: 0.001, genuineAble: 0.95 } as const;

const ROUTES: LinkRoute[] = ['on record', 'dictated', 'no link'];
const FAILED_BY: FailedBy[] = ['signals', 'proofs against', 'proofs failed', 'no link'];
const SIGNAL_FAILURES: SignalVerdict[] = ['challenge', 'challenge bar raised by risk', 'risk', 'challenge+risk', 'too few answered'];
const SHORT: Record<ProofKind, string> = {
  destination_of_record: 'record',
  recovery_passkey: 'passkey',
  idp_phishing_resistant: 'IdP',
  vouch: 'vouch',
  identity_document: 'document',
};

export function summarise(
  records: Map<string, AttemptRecord[]>,
  run: { users: number; attempts: number; seed: number; policy: VerificationPolicy; ms: number },
): StrengthResult {
  const lines: string[] = [];
  const print = (line = '') => lines.push(line);
  const { policy } = run;
  const personas = PERSONAS.map(({ name }) => summary(name, questioned(records.get(name)!)));
  const genuine = questioned(records.get('genuine')!);
  const genuineAble = {
    standard: share(able(genuine, 1), (r) => r.standard.outcome === 'passed'),
    privileged: share(able(genuine, 2), (r) => r.privileged.outcome === 'passed'),
  };
  const genuineReferee = {
    standard: share(genuine, (r) => r.standard.outcome === 'needs_referee'),
    privileged: share(genuine, (r) => r.privileged.outcome === 'needs_referee'),
  };

  print(
    `ResetGate strength harness: ${run.attempts} attempts per persona over ${run.users} directory users, seed ${run.seed} (${secs(run.ms)})`,
  );
  print(
    `signals (decideOutcome, policy ${policy.version}): ${policy.questionsAsked} questions, at least ${policy.minAnswered} answered, ` +
      `challenge ≥ ${policy.passThreshold}, risk ≤ ${policy.maxRisk}`,
  );
  print(`proofs (assessProofs): standard = destination of record + 1 strong; privileged = destination of record + 2 different strong`);
  print(`a pass needs both; rates are of the attempts the directory could question\n`);
  table(personas, print);
  for (const p of personas) {
    print();
    details(p, questioned(records.get(p.name)!), run.attempts, print);
    if (p.name === 'genuine') genuineDetails(genuine, genuineAble, genuineReferee, print);
  }

  const impostors = personas.filter((p) => p.name !== 'genuine');
  const worst = (policy: AssuranceName) => impostors.reduce((a, b) => (b[policy].pass > a[policy].pass ? b : a));
  const checks = [
    worst('standard').standard.pass <= GOALS.impostorStandard,
    worst('privileged').privileged.pass <= GOALS.impostorPrivileged,
    genuineAble.standard >= GOALS.genuineAble,
  ];
  const mark = (ok: boolean) => (ok ? '✓' : '✗ NOT MET');
  const worstOf = (policy: AssuranceName) =>
    worst(policy)[policy].pass > 0 ? `worst: ${worst(policy).name} ${pct(worst(policy)[policy].pass, 2)}` : 'none passed';
  print();
  print(
    `goals: impostors ≤ 1% under standard (${worstOf('standard')}) ${mark(checks[0])}; ` +
      `≤ 0.1% under privileged (${worstOf('privileged')}) ${mark(checks[1])}; ` +
      `genuine users who can satisfy the standard policy pass ≥ 95% (${pct(genuineAble.standard)}) ${mark(checks[2])} ` +
      `[privileged, no goal set: ${pct(genuineAble.privileged)}]; ` +
      `${pct(genuineReferee.standard)} of all genuine users needed a referee (${pct(genuineReferee.privileged)} under privileged)`,
  );
  return { personas, genuineAble, genuineReferee, goalsMet: checks.every(Boolean), report: lines.join('\n') };
}

type AssuranceName = 'standard' | 'privileged';
type Print = (line?: string) => void;

/** One line per persona: both pass rates, the referee shares, what failed the rest under standard, and today's rule. */
function table(personas: PersonaSummary[], print: Print): void {
  const columns: [string, number][] = [
    ['persona', 31],
    ['standard', 9],
    ['privileged', 11],
    ['standard', 10],
    ['privileged', 11],
    ['signals', 10],
    ['against', 9],
    ['proofs failed', 14],
    ['no link', 9],
    ['today', 16],
  ];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(columns[i][1]) : c.padStart(columns[i][1]))).join('');
  const span = (from: number, to: number) => columns.slice(from, to).reduce((sum, [, width]) => sum + width, 0);
  print(
    ''.padEnd(span(0, 1)) +
      'passed'.padStart(span(1, 3)) +
      'needs_referee'.padStart(span(3, 5)) +
      'failed under standard, on'.padStart(span(5, 9)) +
      'questions only'.padStart(span(9, 10)),
  );
  print(row(columns.map(([title]) => title)));
  for (const { name, standard, privileged, today } of personas) {
    const failed = FAILED_BY.map((by) => pct(standard.failed[by]));
    const passed = [pct(standard.pass, 2), pct(privileged.pass, 2)];
    print(row([name, ...passed, pct(standard.referee), pct(privileged.referee), ...failed, pct(today)]));
  }
  print(`(questions only, today = decideOutcome alone, with the link wherever the caller asked: the rule before proofs)`);
}

/** What decided one persona's attempts: the link, the signals, each proof, each policy. */
function details(p: PersonaSummary, list: Questioned[], attempts: number, print: Print): void {
  print(`${p.name}: ${PERSONAS.find((x) => x.name === p.name)!.story}`);
  print(`  ${list.length} attempts the directory could question (${attempts - list.length} could not: too little directory data)`);
  const routes = ROUTES.map((route) => `${route} ${pct(share(list, (r) => r.route === route))}`);
  print(`  link: ${routes.join(', ')}`);
  const withLink = list.filter((r) => r.route !== 'no link');
  if (withLink.length) {
    print(`  signals with the link where it went: ${signalLine(withLink.map((r) => r.signals!))}`);
    const riskDecided = withLink.filter((r) => r.signals === 'risk' || r.signals === 'challenge bar raised by risk');
    const factors = tally(riskDecided.flatMap((r) => codes(r.risk!)));
    if (factors.length) print(`    risk factors where risk decided: ${counts(factors)}`);
    print(`  proofs given (of ${withLink.length} with the link):`);
    for (const kind of PROOF_KINDS) print(`    ${SHORT[kind].padEnd(9)} ${statusLine(withLink, kind)}`);
  }
  for (const policy of ['standard', 'privileged'] as const) {
    const rates = p[policy];
    const failed = FAILED_BY.map((by) => `${by} ${pct(rates.failed[by])}`).join(', ');
    print(`  ${policy.padEnd(10)} passed ${pct(rates.pass, 2)}, needs_referee ${pct(rates.referee)}, failed: ${failed}`);
    const passes = list.filter((r) => r[policy].outcome === 'passed');
    const combos = tally(passes.map((r) => (r[policy] as { decidedBy: ProofKind[] }).decidedBy.map((k) => SHORT[k]).join(' + ')));
    if (combos.length) print(`             passes decided by: ${counts(combos)}`);
    if (p.name !== 'genuine' && passes.length) {
      const profiles = tally(passes.map((r) => `risk ${r.risk!.score} [${codes(r.risk!).join(', ') || 'none'}]`));
      print(`             what those who passed looked like: ${profiles.map(([c, n]) => `${n}× ${c}`).join('; ')}`);
    }
  }
  const alone = (policy: AssuranceName) =>
    pct(
      share(list, (r) => r.proofsAlone?.[policy] ?? false),
      2,
    );
  print(`  proofs alone, signals ignored, would pass: standard ${alone('standard')}, privileged ${alone('privileged')}`);
  print(`  question-only rule today would pass: ${pct(p.today)}`);
}

/** Genuine users who had what the policy asks for, and why those who did not pass did not; who went to a referee, and why. */
function genuineDetails(
  genuine: Questioned[],
  ableRate: Record<AssuranceName, number>,
  refereeRate: Record<AssuranceName, number>,
  print: Print,
): void {
  for (const [policy, strong] of [
    ['standard', 1],
    ['privileged', 2],
  ] as const) {
    const group = able(genuine, strong);
    const why = tally(group.filter((r) => r[policy].outcome !== 'passed').map((r) => outcomeWords(r[policy])));
    print(
      `  could satisfy ${policy} (record + ${strong} strong available): ${group.length} (${pct(group.length / genuine.length)}), ` +
        `passed ${pct(ableRate[policy])}; the rest: ${counts(why)}`,
    );
  }
  for (const policy of ['standard', 'privileged'] as const) {
    const referred = genuine.filter((r) => r[policy].outcome === 'needs_referee');
    const reason = (r: Questioned) => (r.metable.includes('destination_of_record') ? 'too few strong proofs' : 'a new number or address');
    const why = tally(referred.map(reason));
    print(`  needed a referee under ${policy}: ${pct(refereeRate[policy])} of all genuine users (${counts(why)})`);
  }
}

function summary(name: PersonaName, list: Questioned[]): PersonaSummary {
  const rates = (policy: AssuranceName): PolicyRates => {
    const of = (f: (o: Final) => boolean) => share(list, (r) => f(r[policy]));
    const failed = FAILED_BY.map((by) => [by, of((o) => o.outcome === 'failed' && o.by === by)]);
    return {
      pass: of((o) => o.outcome === 'passed'),
      referee: of((o) => o.outcome === 'needs_referee'),
      failed: Object.fromEntries(failed) as Record<FailedBy, number>,
    };
  };
  return {
    name,
    questioned: list.length,
    standard: rates('standard'),
    privileged: rates('privileged'),
    today: share(list, (r) => r.today === 'passed'),
  };
}

function questioned(records: AttemptRecord[]): Questioned[] {
  return records.filter((r): r is Questioned => r.questioned);
}

/** Genuine users who could satisfy a policy: the destination of record and `strong` strong proofs were theirs to give. */
function able(genuine: Questioned[], strong: number): Questioned[] {
  return genuine.filter(
    (r) => r.metable.includes('destination_of_record') && r.metable.filter((k) => k !== 'destination_of_record').length >= strong,
  );
}

function share(list: Questioned[], f: (r: Questioned) => boolean): number {
  return list.length ? list.filter(f).length / list.length : 0;
}

function signalLine(verdicts: SignalVerdict[]): string {
  const share = (v: SignalVerdict) => pct(verdicts.filter((x) => x === v).length / verdicts.length);
  return `passed ${share('passed')}; failed on ${SIGNAL_FAILURES.map((v) => `${v} ${share(v)}`).join(', ')}`;
}

function statusLine(list: Questioned[], kind: ProofKind): string {
  const statuses = list.map((r) => [...r.proofs].reverse().find((p) => p.kind === kind)?.status ?? 'not given');
  return (['met', 'failed', 'against', 'unavailable', 'not given'] as const)
    .map((s) => `${s} ${pct(statuses.filter((x) => x === s).length / list.length)}`.padEnd(s === 'unavailable' ? 19 : 15))
    .join(' ')
    .trimEnd();
}

function outcomeWords(final: Final): string {
  return final.outcome === 'failed' ? `failed on ${final.by}` : final.outcome;
}

function codes(risk: RiskAssessment): string[] {
  return risk.factors.map((f) => f.code);
}

function counts(tallied: [string, number][]): string {
  return tallied.map(([item, n]) => `${item} ${n}`).join(', ');
}

function tally(items: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function pct(share: number, digits = 1): string {
  return `${(100 * share).toFixed(digits)}%`;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
