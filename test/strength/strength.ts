/**
 * `npm run strength`: how hard ResetGate is to fool, measured. Simulates genuine users and
 * impostors (test/strength/personas.ts) over the seeded directory, through the production
 * question generators, grader, risk score and outcome rule, and prints both pass rates.
 *
 *   npm run strength -- [--attempts 2000] [--seed 7]
 */
import 'reflect-metadata';
import { getCountry } from 'countries-and-timezones';
import type { DirectoryFacts } from '../../activities/verification/challenge/directory-facts';
import { generateQuestions } from '../../activities/verification/challenge/generators';
import { gradeAnswer } from '../../activities/verification/challenge/grading';
import { loadDirectoryFacts } from '../../activities/verification/challenge/load-directory-facts';
import { TableActivitySource } from '../../core/directory/table-activity-source';
import { assessRisk } from '../../activities/verification/risk/assess-risk';
import { loadConfig } from '../../core/config/app-config';
import type { GradedAnswer } from '../../workflows/verification/model';
import { decideOutcome } from '../../workflows/verification/outcome';
import { createTestDatabase } from '../support/database';
import { genuine, impostor, type Persona, type PersonaContext, type Random } from './personas';
import { USER_AGENTS } from './user-agents';

type Verdict =
  'passed' | 'challenge' | 'challenge bar raised by risk' | 'risk' | 'challenge+risk' | 'too few answered' | 'too little directory data';

interface Tally {
  verdicts: Map<Verdict, number>;
  riskFactors: Map<string, number>;
  /** What the risk score saw in the attempts that passed: for impostors, the holes. */
  passProfiles: Map<string, number>;
  attempts: number;
}

export interface StrengthResult {
  impostorPassRate: number;
  genuinePassRate: number;
  report: string;
}

export async function runStrength(options: { attempts: number; seed: number }): Promise<StrengthResult> {
  const { attempts, seed } = options;
  const random = mulberry32(seed);
  // The question engine draws from its own seeded stream, so a seed reproduces a run exactly.
  const questionStream = mulberry32(seed + 1);
  const questionRandom = (max: number) => Math.floor(questionStream() * max);
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

    const tallies = new Map<Persona['name'], Tally>();
    for (const persona of [genuine, impostor]) {
      const tally: Tally = { verdicts: new Map(), riskFactors: new Map(), passProfiles: new Map(), attempts };
      tallies.set(persona.name, tally);
      for (let i = 0; i < attempts; i++) {
        const user = users[Math.floor(random() * users.length)];
        const verdict = simulate(persona, facts.get(user.id)!, contexts.get(user.id)!, random, tally);
        tally.verdicts.set(verdict, (tally.verdicts.get(verdict) ?? 0) + 1);
      }
    }
    return summarise(tallies, users.length, policy, Date.now() - started);
  } finally {
    await db.drop();
  }

  function simulate(persona: Persona, userFacts: DirectoryFacts, context: PersonaContext, rnd: Random, tally: Tally): Verdict {
    const questions = generateQuestions(userFacts, policy.questionsAsked, questionRandom);
    if (questions.length < policy.minQuestions) return 'too little directory data';
    const attempt = persona.attempt(userFacts, questions, context, rnd);
    const graded: GradedAnswer[] = questions.map((q, i) => ({
      questionId: String(i),
      kind: q.kind,
      weight: q.weight,
      ...gradeAnswer(q.answerKey, attempt.answers[i]),
    }));
    const signals = {
      userAgent: USER_AGENTS[attempt.device],
      timezone: getCountry(attempt.timezoneCountry as 'GB')?.timezones[0],
      webdriver: false,
    };
    const risk = assessRisk({
      network: attempt.network,
      session: signals,
      finish: signals,
      officeCountry: context.officeCountry,
      signinCountries: [context.officeCountry],
      signinDevices: context.signinDevices,
      destinationOnFile: attempt.destinationOnFile,
      answerTimesMs: attempt.answerTimesMs,
      pastedAnswers: 0,
    });
    const questionWeight = questions.reduce((sum, q) => sum + q.weight, 0);
    const decision = decideOutcome(policy, { questionCount: questions.length, questionWeight }, graded, risk);
    if (decision.outcome === 'not_enough_questions') return 'too few answered';
    const challengeFailed = decision.challengeScore < policy.passThreshold;
    const riskFailed = decision.riskScore > policy.maxRisk;
    if (decision.outcome === 'failed' && !challengeFailed)
      for (const f of risk.factors) tally.riskFactors.set(f.code, (tally.riskFactors.get(f.code) ?? 0) + 1);
    if (decision.outcome === 'passed') {
      const profile = `risk ${risk.score} [${risk.factors.map((f) => f.code).join(', ') || 'none'}]`;
      tally.passProfiles.set(profile, (tally.passProfiles.get(profile) ?? 0) + 1);
      return 'passed';
    }
    if (challengeFailed) return riskFailed ? 'challenge+risk' : 'challenge';
    return riskFailed ? 'risk' : 'challenge bar raised by risk';
  }
}

function summarise(
  tallies: Map<string, Tally>,
  users: number,
  policy: ReturnType<typeof loadConfig>['policy'],
  ms: number,
): StrengthResult {
  const lines: string[] = [];
  const print = (line: string) => lines.push(line);
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  print(
    `ResetGate strength harness: ${[...tallies.values()][0].attempts} attempts per persona over ${users} directory users (${(ms / 1000).toFixed(1)} s)`,
  );
  print(
    `policy ${policy.version}: ${policy.questionsAsked} questions, at least ${policy.minAnswered} answered, challenge ≥ ${policy.passThreshold}, risk ≤ ${policy.maxRisk}\n`,
  );
  for (const [name, tally] of tallies) {
    const eligible = tally.attempts - (tally.verdicts.get('too little directory data') ?? 0);
    const passed = tally.verdicts.get('passed') ?? 0;
    print(`${name.padEnd(9)} pass rate ${pct(passed, eligible)} (${passed} of ${eligible} attempts the directory could question)`);
    const verdicts: Verdict[] = [
      'passed',
      'challenge',
      'challenge bar raised by risk',
      'risk',
      'challenge+risk',
      'too few answered',
      'too little directory data',
    ];
    for (const verdict of verdicts) {
      const n = tally.verdicts.get(verdict) ?? 0;
      const label = verdict === 'passed' ? 'passed' : verdict.startsWith('too') ? verdict : `failed on ${verdict}`;
      print(`            ${label.padEnd(40)} ${String(n).padStart(5)}  ${pct(n, tally.attempts)}`);
    }
    const factors = [...tally.riskFactors.entries()].sort((a, b) => b[1] - a[1]);
    if (factors.length) {
      print(`            risk factors present when risk decided (alone, or by raising the bar):`);
      for (const [code, n] of factors) print(`              ${code.padEnd(26)} ${String(n).padStart(5)}`);
    }
    if (name === 'impostor' && tally.passProfiles.size) {
      print(`            what the impostors who passed looked like:`);
      for (const [profile, n] of [...tally.passProfiles.entries()].sort((a, b) => b[1] - a[1])) {
        print(`              ${String(n).padStart(5)}  ${profile}`);
      }
    }
    print('');
  }
  const g = tallies.get('genuine')!;
  const i = tallies.get('impostor')!;
  const rate = (t: Tally) => (t.verdicts.get('passed') ?? 0) / (t.attempts - (t.verdicts.get('too little directory data') ?? 0));
  print(`impostor pass ${pct(rate(i), 1)} (goal ≤ 1%), genuine pass ${pct(rate(g), 1)} (goal ≥ 95%)`);
  return { impostorPassRate: rate(i), genuinePassRate: rate(g), report: lines.join('\n') };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function mulberry32(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (require.main === module) {
  runStrength({ attempts: Number(argument('--attempts') ?? 2000), seed: Number(argument('--seed') ?? 7) }).then(
    (result) => {
      console.log(result.report);
      process.exitCode = result.impostorPassRate <= 0.01 && result.genuinePassRate >= 0.95 ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
