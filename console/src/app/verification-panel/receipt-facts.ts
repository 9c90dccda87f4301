import type { Outcome, Receipt } from '../api/views';
import { OUTCOME, PROOF, RECOVERY_CLASS } from '../shared/labels';
import { policyName, sentence } from './proof-rows';

/** What the agent must do next, for the outcomes that forbid a reset. */
export const GUIDANCE: Partial<Record<Outcome, string>> = {
  needs_referee: 'Do not reset. Arrange a check in person or on video by a named second person.',
  failed: 'Do not reset. Follow your escalation procedure.',
};

export interface ReceiptFacts {
  outcome: string;
  guidance: string | null;
  policy: string;
  recoveryClass: string;
  decidedBy: string[];
  signals: string;
  reasons: string[];
}

/**
 * The receipt in plain words. `riskShown` is false when the policy hides the risk number from this
 * agent: the receipt then says so rather than show it.
 */
export function receiptFacts(receipt: Receipt, riskShown: boolean): ReceiptFacts {
  const s = receipt.signals;
  const risk = riskShown ? `risk ${s?.riskScore} of 10` : 'risk hidden for your role';
  return {
    outcome: OUTCOME[receipt.outcome],
    guidance: GUIDANCE[receipt.outcome] ?? null,
    policy: receipt.assurance ? policyName(receipt.assurance) : 'The question rule',
    recoveryClass: receipt.recoveryClass ? sentence(RECOVERY_CLASS[receipt.recoveryClass]) : 'None: only a pass has one.',
    decidedBy: receipt.decidedBy.map((kind) => sentence(PROOF[kind].words)),
    signals: s
      ? `Challenge score ${s.challengeScore} (${s.answered} answered), ${risk}.`
      : 'None: the session did not end with graded answers.',
    reasons: receipt.reasons.map(sentence),
  };
}
