import {
  type AssurancePolicy,
  classify,
  PRIVILEGED_ASSURANCE,
  PROOF_KINDS,
  PROOF_WORDS,
  type ProofKind,
  STANDARD_ASSURANCE,
} from '../../workflows/verification/assurance';
import type { VerificationPolicy } from '../../workflows/verification/model';

/** What decides a verification: `proofs` (docs/assurance.md) or `questions` (the earlier rule). */
export const ASSURANCE_MODES = ['questions', 'proofs'] as const;
export type AssuranceMode = (typeof ASSURANCE_MODES)[number];

/**
 * What decides a verification (docs/assurance.md): the mode, and which proofs pass under the
 * standard policy and under the privileged one (members of the privileged groups).
 */
export interface AssuranceSettings {
  mode: AssuranceMode;
  standard: AssurancePolicy;
  privileged: AssurancePolicy;
}

/**
 * The policies and limits an admin may change in the console. The environment variables give
 * the first values (docs/configuration.md); each console change is a stored version.
 */
export interface PolicySettings {
  policy: VerificationPolicy;
  maxVerificationsPerUserPerDay: number;
  /** Members of these directory groups need two different approvers for a reset. */
  privilegedGroups: string[];
  /** Whether agents see the numeric risk score (they always see the outcome and its reasons). */
  agentsSeeRiskScore: boolean;
  /**
   * Absent in versions saved before assurance was edited in the console: RESETGATE_ASSURANCE and the
   * built-in definitions apply with them.
   */
  assurance?: AssuranceSettings;
}

/** One range for each setting, whether it comes from the environment or the console. */
export const POLICY_BOUNDS = {
  linkLifetimeSeconds: { min: 1, max: 86_400 },
  sessionLifetimeSeconds: { min: 1, max: 3600 },
  questionsAsked: { min: 3, max: 4 },
  minAnswered: { min: 1, max: 4 },
  passThreshold: { min: 0, max: 1 },
  riskStepUp: { min: 0, max: 1 },
  maxRisk: { min: 0, max: 10 },
  approvalWindowSeconds: { min: 1, max: 86_400 },
  maxVerificationsPerUserPerDay: { min: 1, max: 1000 },
  /** How many strong proofs a policy asks for; never more than the kinds it takes them from. */
  strongProofs: { min: 1, max: PROOF_KINDS.length },
} as const;

/** Versions saved in the console are named by their number, so the name says where they came from. */
export const consoleVersionName = (n: number) => `console-${n}`;

/** The first values: the mode from RESETGATE_ASSURANCE, the definitions built in (STANDARD_ASSURANCE, PRIVILEGED_ASSURANCE). */
export function assuranceFromEnvironment(mode: AssuranceMode): AssuranceSettings {
  const copy = (p: AssurancePolicy): AssurancePolicy => ({
    ...p,
    required: [...p.required],
    strong: { ...p.strong, from: [...p.strong.from] },
  });
  return { mode, standard: copy(STANDARD_ASSURANCE), privileged: copy(PRIVILEGED_ASSURANCE) };
}

/**
 * Why these assurance settings cannot be saved, in plain words; empty when they can. Each policy
 * must be one someone can pass, every combination it passes must be a recovery under NIST SP
 * 800-63B-4 §4.2 (the receipt names one for each pass), and the privileged policy must pass nothing
 * the standard one refuses.
 */
export function assuranceProblems(a: AssuranceSettings): string[] {
  const problems = [...policyProblems(a.standard), ...policyProblems(a.privileged)];
  if (problems.length) return problems;
  if (a.privileged.strong.count < a.standard.strong.count) {
    problems.push(
      `The privileged policy asks for ${a.privileged.strong.count} strong proof${a.privileged.strong.count > 1 ? 's' : ''}, fewer than the standard policy’s ${a.standard.strong.count}: it must be at least as strict.`,
    );
  }
  const weaker = passingSets(a.privileged).find((met) => !passes(a.standard, met));
  if (weaker) {
    problems.push(
      `The privileged policy would pass with ${words(weaker)}, which the standard policy refuses: it must be at least as strict.`,
    );
  }
  return problems;
}

function policyProblems(p: AssurancePolicy): string[] {
  const name = `The ${p.name} policy`;
  const problems: string[] = [];
  const unknown = [...p.required, ...p.strong.from].filter((kind) => !(PROOF_KINDS as readonly string[]).includes(kind));
  if (unknown.length) return [`${name} names proofs that do not exist: ${unknown.join(', ')}. Known: ${PROOF_KINDS.join(', ')}.`];
  for (const [list, label] of [
    [p.required, 'always needed'],
    [p.strong.from, 'among the strong proofs'],
  ] as const) {
    const twice = list.filter((kind, i) => list.indexOf(kind) !== i);
    if (twice.length) problems.push(`${name} lists ${words(twice)} twice ${label}.`);
  }
  const both = p.required.filter((kind) => p.strong.from.includes(kind));
  if (both.length) problems.push(`${name} lists ${words(both)} both as always needed and among the strong proofs: choose one.`);
  const { count, from } = p.strong;
  const kinds = new Set(from).size;
  if (!Number.isInteger(count) || count < POLICY_BOUNDS.strongProofs.min) {
    problems.push(`${name} must ask for at least 1 strong proof (it asks for ${count}).`);
  } else if (count > kinds) {
    problems.push(
      `${name} asks for ${count} strong proof${count > 1 ? 's' : ''} from ${kinds} kind${kinds === 1 ? '' : 's'}: nobody could pass.`,
    );
  }
  if (problems.length) return problems;
  const notRecovery = passingSets(p).find((met) => classify(met) === null);
  if (notRecovery) {
    problems.push(
      `${name} would pass with only ${words(notRecovery)}, which is no recovery under NIST SP 800-63B-4 §4.2: always need the phone or address on record, or take only an identity document.`,
    );
  }
  return problems;
}

/** The smallest sets of met proofs the policy passes: its required ones and each choice of `count` strong ones. */
function passingSets(p: AssurancePolicy): Set<ProofKind>[] {
  return choose(p.strong.from, p.strong.count).map((strong) => new Set([...p.required, ...strong]));
}

function passes(p: AssurancePolicy, met: ReadonlySet<ProofKind>): boolean {
  return p.required.every((kind) => met.has(kind)) && p.strong.from.filter((kind) => met.has(kind)).length >= p.strong.count;
}

function choose<T>(items: readonly T[], n: number): T[][] {
  if (n === 0) return [[]];
  return items.flatMap((item, i) => choose(items.slice(i + 1), n - 1).map((rest) => [item, ...rest]));
}

function words(kinds: Iterable<ProofKind>): string {
  return [...kinds].map((kind) => PROOF_WORDS[kind]).join(' + ');
}

/** What changed between two versions, setting by setting, for the audit log. */
export function policyChanges(before: PolicySettings, after: PolicySettings): { setting: string; from: unknown; to: unknown }[] {
  const flat = (s: PolicySettings): Record<string, unknown> => {
    const { version: _version, ...policy } = s.policy;
    return {
      ...Object.fromEntries(Object.entries(policy).map(([k, v]) => [`policy.${k}`, v])),
      maxVerificationsPerUserPerDay: s.maxVerificationsPerUserPerDay,
      privilegedGroups: s.privilegedGroups,
      agentsSeeRiskScore: s.agentsSeeRiskScore,
      ...(s.assurance && {
        'assurance.mode': s.assurance.mode,
        ...flatAssurance('standard', s.assurance.standard),
        ...flatAssurance('privileged', s.assurance.privileged),
      }),
    };
  };
  const [a, b] = [flat(before), flat(after)];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((setting) => ({ setting, from: a[setting] ?? null, to: b[setting] ?? null }));
}

function flatAssurance(which: 'standard' | 'privileged', p: AssurancePolicy): Record<string, unknown> {
  return {
    [`assurance.${which}.required`]: p.required,
    [`assurance.${which}.strong.count`]: p.strong.count,
    [`assurance.${which}.strong.from`]: p.strong.from,
  };
}
