import type { VerificationPolicy } from '../../workflows/verification/model';

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
} as const;

/** Versions saved in the console are named by their number, so the name says where they came from. */
export const consoleVersionName = (n: number) => `console-${n}`;

/** What changed between two versions, setting by setting, for the audit log. */
export function policyChanges(before: PolicySettings, after: PolicySettings): { setting: string; from: unknown; to: unknown }[] {
  const flat = (s: PolicySettings): Record<string, unknown> => {
    const { version: _version, ...policy } = s.policy;
    return {
      ...Object.fromEntries(Object.entries(policy).map(([k, v]) => [`policy.${k}`, v])),
      maxVerificationsPerUserPerDay: s.maxVerificationsPerUserPerDay,
      privilegedGroups: s.privilegedGroups,
      agentsSeeRiskScore: s.agentsSeeRiskScore,
    };
  };
  const [a, b] = [flat(before), flat(after)];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((setting) => ({ setting, from: a[setting] ?? null, to: b[setting] ?? null }));
}
