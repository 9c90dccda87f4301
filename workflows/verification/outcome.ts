import { type AssurancePolicy, type AssuranceVerdict, assessProofs, classify, PROOF_NAMES, type ProofResult } from './assurance';
import type { GradedAnswer, Outcome, OutcomeDecision, Receipt, RiskAssessment, StepUpResult, VerificationPolicy } from './model';

/**
 * The outcome rule (docs/architecture.md): `passed` needs possession of the link (the session exists only because the
 * link was redeemed), a challenge score at or above the threshold, and risk at or below the
 * policy maximum. Knowledge alone never passes: high risk fails a perfect score. Below the
 * maximum, risk raises the bar: each point adds `riskStepUp` to the score needed. A matched IdP
 * sign-in counts as one more method, worth one fully answered question; a mismatch earns nothing
 * here (its risk points do the work).
 */
export function decideOutcome(
  policy: VerificationPolicy,
  challenge: ChallengeSize,
  answers: GradedAnswer[],
  risk: RiskAssessment,
  stepUp?: StepUpResult,
): OutcomeDecision {
  const answered = answers.filter((a) => a.grade !== 'skipped').length;
  // Unweighted (every question counts 1) when replaying a history from before weighted scoring.
  const weighted = challenge.questionWeight !== undefined;
  const idp = stepUp ? 1 : 0;
  const totalScore = answers.reduce((sum, a) => sum + a.score * (weighted ? (a.weight ?? 1) : 1), 0) + (stepUp?.matched ? 1 : 0);
  const outOf = (weighted ? challenge.questionWeight! : challenge.questionCount) + idp;
  const challengeScore = outOf > 0 ? round2(totalScore / outOf) : 0;
  const base = { challengeScore, answered, riskScore: risk.score };

  if (answered < policy.minAnswered) {
    return { ...base, outcome: 'not_enough_questions', reason: `answered ${answered} of the ${policy.minAnswered} required` };
  }
  const required = round2(Math.min(1, policy.passThreshold + risk.score * (policy.riskStepUp ?? 0)));
  if (challengeScore < required) {
    const why = required > policy.passThreshold ? ` (${policy.passThreshold}, raised by risk ${risk.score})` : '';
    return { ...base, outcome: 'failed', reason: `challenge score ${challengeScore} below the ${required} required${why}` };
  }
  if (risk.score > policy.maxRisk) {
    return { ...base, outcome: 'failed', reason: `risk ${risk.score} above maximum ${policy.maxRisk}` };
  }
  const withIdp = stepUp?.matched ? ' with IdP sign-in' : '';
  return { ...base, outcome: 'passed', reason: `challenge score ${challengeScore}${withIdp}, risk ${risk.score}` };
}

export interface AssuredDecision extends OutcomeDecision {
  verdict: AssuranceVerdict;
}

/**
 * Under an assurance policy, evidence against the caller fails it; then the signals (questions,
 * risk) speak, and can only fail; then the proofs decide: satisfied passes, a proof the caller
 * could give and did not fails, and a user with no acceptable proof available goes to a referee.
 */
export function decideWithProofs(
  policy: VerificationPolicy,
  assurance: AssurancePolicy,
  challenge: ChallengeSize,
  answers: GradedAnswer[],
  risk: RiskAssessment,
  proofs: readonly ProofResult[],
  stepUp?: StepUpResult,
): AssuredDecision {
  const signals = decideOutcome(policy, challenge, answers, risk, stepUp);
  const verdict = assessProofs(assurance, proofs);
  // Evidence against the caller is the decisive reason, whatever the signals say.
  if (verdict.verdict === 'against') return { ...signals, verdict, outcome: 'failed', reason: verdict.reason };
  if (signals.outcome !== 'passed') return { ...signals, verdict };
  const signalWords = `challenge score ${signals.challengeScore}, risk ${signals.riskScore}`;
  switch (verdict.verdict) {
    case 'satisfied':
      return { ...signals, verdict, reason: `${verdict.reason}; ${signalWords}` };
    case 'needs_referee':
      return { ...signals, verdict, outcome: 'needs_referee', reason: verdict.reason };
    case 'failed':
      return { ...signals, verdict, outcome: 'failed', reason: verdict.reason };
  }
}

/** The receipt every outcome carries: what was proved, what it satisfies, and why anything failed. */
export function buildReceipt(
  outcome: Outcome,
  reason: string,
  proofs: readonly ProofResult[],
  assurance?: AssurancePolicy,
  decision?: OutcomeDecision | AssuredDecision,
): Receipt {
  const verdict = decision && 'verdict' in decision ? decision.verdict : undefined;
  const decidedBy = outcome === 'passed' && verdict?.verdict === 'satisfied' ? verdict.decidedBy : [];
  const shortfalls = proofs
    .filter((p) => p.status === 'failed' || p.status === 'against')
    .map((p) => `${PROOF_NAMES[p.kind]}: ${p.detail}`);
  return {
    outcome,
    assurance: assurance?.name ?? null,
    proofs: [...proofs],
    recoveryClass: outcome === 'passed' ? classify(new Set(decidedBy)) : null,
    decidedBy,
    signals: decision ? { challengeScore: decision.challengeScore, answered: decision.answered, riskScore: decision.riskScore } : null,
    reasons: [...new Set([reason, ...(outcome === 'passed' ? [] : shortfalls)])],
  };
}

export interface ChallengeSize {
  questionCount: number;
  questionWeight?: number;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
