import type { GradedAnswer, OutcomeDecision, RiskAssessment, VerificationPolicy } from './model';

/**
 * PRODUCT.md step 4: `passed` needs possession of the link (the session exists only because the
 * link was redeemed), a challenge score at or above the threshold, and risk at or below the
 * policy maximum. Knowledge alone never passes: high risk fails a perfect score.
 */
export function decideOutcome(
  policy: VerificationPolicy,
  questionCount: number,
  answers: GradedAnswer[],
  risk: RiskAssessment,
): OutcomeDecision {
  const answered = answers.filter((a) => a.grade !== 'skipped').length;
  const totalScore = answers.reduce((sum, a) => sum + a.score, 0);
  const challengeScore = questionCount > 0 ? round2(totalScore / questionCount) : 0;
  const base = { challengeScore, answered, riskScore: risk.score };

  if (answered < policy.minAnswered) {
    return { ...base, outcome: 'not_enough_questions', reason: `answered ${answered} of the ${policy.minAnswered} required` };
  }
  if (challengeScore < policy.passThreshold) {
    return { ...base, outcome: 'failed', reason: `challenge score ${challengeScore} below threshold ${policy.passThreshold}` };
  }
  if (risk.score > policy.maxRisk) {
    return { ...base, outcome: 'failed', reason: `risk ${risk.score} above maximum ${policy.maxRisk}` };
  }
  return { ...base, outcome: 'passed', reason: `challenge score ${challengeScore}, risk ${risk.score}` };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
