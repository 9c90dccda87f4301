/**
 * `npm run strength`: how hard ResetGate is to fool, measured. Simulates genuine users and six
 * kinds of impostor (test/strength/personas.ts, knowledge.ts, proofs.ts) over the seeded
 * directory, through the production question generators, grader, risk score, outcome rule
 * (decideOutcome: the signals) and assurance rule (assessProofs: the proofs). A verification
 * passes only when the signals pass AND the proofs satisfy the policy.
 *
 *   npm run strength -- [--attempts 2000] [--seed 7]
 */
import 'reflect-metadata';
import { getCountry } from 'countries-and-timezones';
import type { DirectoryFacts } from '../../activities/verification/challenge/directory-facts';
import { generateQuestions } from '../../activities/verification/challenge/generators';
import { gradeAnswer } from '../../activities/verification/challenge/grading';
import { loadDirectoryFacts } from '../../activities/verification/challenge/load-directory-facts';
import { assessRisk } from '../../activities/verification/risk/assess-risk';
import { loadConfig } from '../../core/config/app-config';
import { TableActivitySource } from '../../core/directory/table-activity-source';
import { assessProofs, type AssuranceVerdict, PRIVILEGED_ASSURANCE, STANDARD_ASSURANCE } from '../../workflows/verification/assurance';
import type { GradedAnswer, RiskAssessment } from '../../workflows/verification/model';
import { type ChallengeSize, decideOutcome, decideWithProofs } from '../../workflows/verification/outcome';
import type { GeneratedQuestion } from '../../workflows/verification/question';
import { createTestDatabase } from '../support/database';
import { type Attempt, PERSONAS, type PersonaContext } from './personas';
import { PROOF_CAPABILITIES, type ProofAttempt } from './proofs';
import { streamFor } from './random';
import { type AttemptRecord, type Final, type SignalVerdict, type StrengthResult, summarise } from './report';
import { USER_AGENTS } from './user-agents';

export type { StrengthResult } from './report';

type Policy = ReturnType<typeof loadConfig>['policy'];

/** The purposes each persona draws a stream for: who is targeted and how they behave, the question engine, the proofs. */
const BEHAVIOUR = 0;
const QUESTIONS = 1;
const PROOFS = 2;

export async function runStrength(options: { attempts: number; seed: number }): Promise<StrengthResult> {
  const { attempts, seed } = options;
  const { policy } = loadConfig(); // the same RESETGATE_* variables as the service: try a policy before rolling it out
  const started = Date.now();
  const db = await createTestDatabase();
  try {
    const users: { id: string; office_country: string; department: string | null }[] = await db.dataSource.query(
      `SELECT id, office_country, department FROM directory_users WHERE active ORDER BY id`,
    );
    const facts = new Map<string, DirectoryFacts>();
    const contexts = new Map<string, PersonaContext>();
    const activitySource = new TableActivitySource(db.dataSource);
    for (const user of users) {
      facts.set(user.id, (await loadDirectoryFacts(db.dataSource.manager, activitySource, user.id))!);
      const devices: { device: string }[] = await db.dataSource.query(`SELECT DISTINCT device FROM directory_signins WHERE user_id = $1`, [
        user.id,
      ]);
      const colleagues: { name: string }[] = await db.dataSource.query(
        `SELECT display_name AS name FROM directory_users WHERE department IS NOT DISTINCT FROM $1 AND id <> $2`,
        [user.department, user.id],
      );
      contexts.set(user.id, {
        officeCountry: user.office_country,
        signinDevices: devices.map((d) => d.device),
        departmentColleagues: colleagues.map((c) => c.name),
      });
    }

    const records = new Map<string, AttemptRecord[]>();
    for (const persona of PERSONAS) {
      const behaviour = streamFor(seed, persona.name, BEHAVIOUR);
      const questionStream = streamFor(seed, persona.name, QUESTIONS);
      const questionRandom = (max: number) => Math.floor(questionStream() * max);
      const proofRandom = streamFor(seed, persona.name, PROOFS);
      const gather = PROOF_CAPABILITIES[persona.name];
      const list: AttemptRecord[] = [];
      for (let i = 0; i < attempts; i++) {
        const user = users[Math.floor(behaviour() * users.length)];
        const userFacts = facts.get(user.id)!;
        const context = contexts.get(user.id)!;
        const questions = generateQuestions(userFacts, policy.questionsAsked, questionRandom);
        if (questions.length < policy.minQuestions) {
          list.push({ questioned: false });
          continue;
        }
        const proofs = gather({ hasManager: userFacts.manager !== null }, proofRandom);
        const attempt = persona.attempt(userFacts, questions, context, behaviour);
        list.push(judge(policy, questions, attempt, context, proofs));
      }
      records.set(persona.name, list);
    }
    return summarise(records, { users: users.length, attempts, seed, policy, ms: Date.now() - started });
  } finally {
    await db.drop();
  }
}

/** One attempt through the production rules: the signals, the proofs under each policy, and today's question-only rule. */
function judge(
  policy: Policy,
  questions: GeneratedQuestion[],
  attempt: Attempt,
  context: PersonaContext,
  proofs: ProofAttempt,
): AttemptRecord {
  const today = signals(policy, questions, attempt, context, proofs.todayOnRecord);
  const base = { questioned: true as const, route: proofs.route, proofs: proofs.proofs, metable: proofs.metable, today: today.verdict };
  if (proofs.route === 'no link') {
    const noLink: Final = { outcome: 'failed', by: 'no link' };
    return { ...base, standard: noLink, privileged: noLink };
  }
  const onRecord = proofs.route === 'on record';
  const now = proofs.todayOnRecord === onRecord ? today : signals(policy, questions, attempt, context, onRecord);
  const standard = assessProofs(STANDARD_ASSURANCE, proofs.proofs);
  const privileged = assessProofs(PRIVILEGED_ASSURANCE, proofs.proofs);
  // Which layer is named for a failure: evidence against first (it alerts, whatever else happened), then the
  // signals (they can fail a verification, never pass it), then proofs that fell short.
  const final = (verdict: AssuranceVerdict): Final => {
    if (verdict.verdict === 'against') return { outcome: 'failed', by: 'proofs against' };
    if (now.verdict !== 'passed') return { outcome: 'failed', by: 'signals' };
    if (verdict.verdict === 'failed') return { outcome: 'failed', by: 'proofs failed' };
    if (verdict.verdict === 'needs_referee') return { outcome: 'needs_referee' };
    return { outcome: 'passed', decidedBy: verdict.decidedBy };
  };
  // The workflow's own rule must agree with the attribution below on every attempt.
  for (const [assurance, verdict] of [
    [STANDARD_ASSURANCE, standard],
    [PRIVILEGED_ASSURANCE, privileged],
  ] as const) {
    const decided = decideWithProofs(policy, assurance, now.challenge, now.graded, now.risk, proofs.proofs).outcome;
    const expected = final(verdict).outcome;
    if (decided !== expected && !(decided === 'not_enough_questions' && expected === 'failed')) {
      throw new Error(`the harness says ${expected} where the workflow's rule says ${decided}`);
    }
  }
  return {
    ...base,
    signals: now.verdict,
    risk: now.risk,
    proofsAlone: { standard: standard.verdict === 'satisfied', privileged: privileged.verdict === 'satisfied' },
    standard: final(standard),
    privileged: final(privileged),
  };
}

/** decideOutcome on the graded answers and the risk score, as the workflow computes them. */
function signals(
  policy: Policy,
  questions: GeneratedQuestion[],
  attempt: Attempt,
  context: PersonaContext,
  destinationOnFile: boolean,
): { verdict: SignalVerdict; risk: RiskAssessment; graded: GradedAnswer[]; challenge: ChallengeSize } {
  const graded: GradedAnswer[] = questions.map((q, i) => ({
    questionId: String(i),
    kind: q.kind,
    weight: q.weight,
    ...gradeAnswer(q.answerKey, attempt.answers[i]),
  }));
  const client = {
    userAgent: USER_AGENTS[attempt.device],
    timezone: getCountry(attempt.timezoneCountry as 'GB')?.timezones[0],
    webdriver: false,
  };
  const risk = assessRisk({
    network: attempt.network,
    session: client,
    finish: client,
    officeCountry: context.officeCountry,
    signinCountries: [context.officeCountry],
    signinDevices: context.signinDevices,
    destinationOnFile,
    answerTimesMs: attempt.answerTimesMs,
    pastedAnswers: 0,
  });
  const challenge: ChallengeSize = { questionCount: questions.length, questionWeight: questions.reduce((sum, q) => sum + q.weight, 0) };
  const decision = decideOutcome(policy, challenge, graded, risk);
  const seen = { risk, graded, challenge };
  if (decision.outcome === 'not_enough_questions') return { verdict: 'too few answered', ...seen };
  if (decision.outcome === 'passed') return { verdict: 'passed', ...seen };
  const challengeFailed = decision.challengeScore < policy.passThreshold;
  const riskFailed = decision.riskScore > policy.maxRisk;
  if (challengeFailed) return { verdict: riskFailed ? 'challenge+risk' : 'challenge', ...seen };
  return { verdict: riskFailed ? 'risk' : 'challenge bar raised by risk', ...seen };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (require.main === module) {
  runStrength({ attempts: Number(argument('--attempts') ?? 2000), seed: Number(argument('--seed') ?? 7) }).then(
    (result) => {
      console.log(result.report);
      process.exitCode = result.goalsMet ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
