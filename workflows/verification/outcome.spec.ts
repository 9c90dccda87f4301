import type { GradedAnswer } from './model';
import { decideOutcome } from './outcome';

const policy = {
  version: 't',
  linkLifetimeSeconds: 1,
  sessionLifetimeSeconds: 1,
  questionsAsked: 4,
  minQuestions: 3,
  minAnswered: 3,
  passThreshold: 0.75,
  maxRisk: 4,
  approvalWindowSeconds: 1,
};
const answers = (...scores: (number | null)[]): GradedAnswer[] =>
  scores.map((score, i) => ({
    questionId: `q${i}`,
    kind: 'groups',
    grade: score === null ? 'skipped' : score === 1 ? 'correct' : score > 0 ? 'partial' : 'incorrect',
    score: score ?? 0,
  }));
const lowRisk = { score: 1, factors: [] };

describe('decideOutcome', () => {
  test('passes a strong challenge at low risk', () => {
    expect(decideOutcome(policy, { questionCount: 4 }, answers(1, 1, 1, 0.5), lowRisk)).toMatchObject({
      outcome: 'passed',
      challengeScore: 0.88,
    });
  });
  test('fails a weak challenge', () => {
    expect(decideOutcome(policy, { questionCount: 4 }, answers(1, 0, 1, 0), lowRisk).outcome).toBe('failed');
  });
  test('knowledge alone never passes: a perfect score above the risk limit fails', () => {
    expect(decideOutcome(policy, { questionCount: 4 }, answers(1, 1, 1, 1), { score: 5, factors: [] })).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/risk/),
    });
  });
  test('too few answers is not enough questions, whatever their grades', () => {
    expect(decideOutcome(policy, { questionCount: 4 }, answers(1, 1, null, null), lowRisk).outcome).toBe('not_enough_questions');
  });
  test('weighted: a public question counts for half', () => {
    const graded = answers(1, 1, 1, 0).map((a, i) => ({ ...a, weight: i === 3 ? 0.5 : 1 }));
    expect(decideOutcome(policy, { questionCount: 4, questionWeight: 3.5 }, graded, lowRisk)).toMatchObject({
      outcome: 'passed',
      challengeScore: 0.86,
    });
    expect(decideOutcome(policy, { questionCount: 4 }, graded, lowRisk)).toMatchObject({ outcome: 'passed', challengeScore: 0.75 });
  });
  test('a matched IdP sign-in counts as one more fully answered method; a mismatch as a failed one', () => {
    const at = '2026-11-27T00:00:00Z';
    const weak = answers(1, 1, 0.5, 0.25); // 0.69 alone: below 0.75
    expect(decideOutcome(policy, { questionCount: 4 }, weak, lowRisk).outcome).toBe('failed');
    expect(decideOutcome(policy, { questionCount: 4 }, weak, lowRisk, { matched: true, issuer: 'i', at })).toMatchObject({
      outcome: 'passed',
      challengeScore: 0.75,
      reason: expect.stringContaining('with IdP sign-in'),
    });
    expect(decideOutcome(policy, { questionCount: 4 }, answers(1, 1, 1, 1), lowRisk, { matched: false, issuer: 'i', at })).toMatchObject({
      challengeScore: 0.8,
    });
  });
  test('skips count against the score', () => {
    expect(decideOutcome(policy, { questionCount: 4 }, answers(1, 1, 1, null), lowRisk).challengeScore).toBe(0.75);
  });
});
