import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot } from '../../core/repo-root';
import { startTemporalDevServer } from '../../dev/temporal-dev-server';
import { WORKFLOW_BUNDLE_PATH } from '../../core/temporal/workflow-bundle';
import { DirectoryUserEntity } from '../../core/database/entities';
import {
  approveReset,
  cancelVerification,
  finishSession,
  startSession,
  submitAnswer,
  supersede,
} from '../../workflows/verification/messages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/free-port';
import {
  type Harness,
  HUMAN_SIGNALS,
  installTestRuntime,
  questionsOf,
  rightAnswer,
  sparseUser,
  startHarness,
  startVerification,
  testPolicy,
  wrongAnswer,
} from '../support/workflow-harness';

/**
 * `npm run bench:replay`: seeds completed verifications through the real workflow on its own
 * Temporal dev server (short timers, many at once, the SSP driven through the workflow's Updates),
 * then times `npm run replay -- --all` over all of them.
 */
export interface BenchResult {
  seeded: number;
  seedSeconds: number;
  statuses: Record<string, number>;
  replaySeconds: number;
  deterministic: number;
  notDeterministic: number;
  /** The CLI's whole output, for checks. */
  output: string;
  exitCode: number | null;
}

type Plan =
  'approve' | 'let-approval-expire' | 'wrong-answers' | 'automated-browser' | 'link-expires' | 'cancel' | 'supersede' | 'too-little-data';
/** Ten verifications' mix: mostly genuine passes, and every other ending. */
const PLANS: Plan[] = [
  'approve',
  'approve',
  'approve',
  'let-approval-expire',
  'wrong-answers',
  'automated-browser',
  'link-expires',
  'cancel',
  'supersede',
  'too-little-data',
];

const REPLAY_CLI = join(repoRoot(), 'dist', 'tools', 'replay-cli.js');
const BENCH_KEYS = `bench-1:${randomBytes(32).toString('base64')}`;

export async function runReplayBench(options: { count: number; concurrency: number; pageSize?: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  installTestRuntime();
  const temporal = await startTemporalDevServer({ port: await freePort() });
  const db = await createTestDatabase();
  let harness: Harness | undefined;
  try {
    harness = await startHarness(db, { address: temporal.address, workflowBundlePath: WORKFLOW_BUNDLE_PATH, payloadKeys: BENCH_KEYS });
    const seedStarted = Date.now();
    const statuses = await seed(db, harness, options.count, options.concurrency, log);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`seeded ${options.count} completed verifications in ${seedSeconds.toFixed(1)} s: ${describe(statuses)}`);
    await untilVisible(harness, options.count);

    const replayStarted = Date.now();
    const args = ['--all', ...(options.pageSize ? ['--page-size', String(options.pageSize)] : [])];
    const { output, exitCode } = await run(
      REPLAY_CLI,
      args,
      { TEMPORAL_ADDRESS: temporal.address, RESETGATE_PAYLOAD_KEYS: BENCH_KEYS },
      log,
    );
    const replaySeconds = (Date.now() - replayStarted) / 1000;
    const result: BenchResult = {
      seeded: options.count,
      seedSeconds,
      statuses,
      replaySeconds,
      deterministic: output.match(/^\[\d+\/\d+\] ✔ deterministic/gm)?.length ?? 0,
      notDeterministic: output.match(/^\[\d+\/\d+\] ✘ NOT deterministic/gm)?.length ?? 0,
      output,
      exitCode,
    };
    log(
      `npm run replay -- --all: ${result.deterministic + result.notDeterministic} replayed in ${replaySeconds.toFixed(1)} s ` +
        `(${(options.count / replaySeconds).toFixed(1)}/s): ${result.deterministic} deterministic, ${result.notDeterministic} not, exit code ${exitCode}`,
    );
    return result;
  } finally {
    await harness?.close();
    await db.drop();
    await temporal.teardown();
  }
}

/** Runs `count` verifications to their end, `concurrency` at a time; returns how many ended in each status. */
async function seed(db: TestDatabase, harness: Harness, count: number, concurrency: number, log: (line: string) => void) {
  const users = await db.dataSource.getRepository(DirectoryUserEntity).find({ where: {}, order: { id: 'ASC' } });
  const known = users.filter((u) => u.managerId && u.groups.length > 1 && u.mobilePhone);
  const sparse = await sparseUser(db);
  const statuses: Record<string, number> = {};
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const status = await verify(
        db,
        harness,
        PLANS[i % PLANS.length],
        PLANS[i % PLANS.length] === 'too-little-data' ? sparse : known[i % known.length],
      );
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (++done % 100 === 0) log(`… ${done} of ${count} verifications completed`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

async function verify(db: TestDatabase, harness: Harness, plan: Plan, user: DirectoryUserEntity): Promise<string> {
  const policy = testPolicy({
    linkLifetimeSeconds: plan === 'link-expires' ? 1 : 60,
    approvalWindowSeconds: plan === 'let-approval-expire' ? 1 : 60,
  });
  // Genuine users get the link on their own phone; the new joiner has none on file.
  const destination = user.mobilePhone ? undefined : '+447700900123';
  const v = await startVerification(db, harness, { user, policy, destination });
  if (plan === 'cancel') await v.handle.executeUpdate(cancelVerification, { args: [{ cancelledBy: 'bench-agent' }] });
  else if (plan === 'supersede') await v.handle.signal(supersede, { supersededBy: 'bench-newer' });
  else if (plan === 'too-little-data') await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] }).catch(() => undefined);
  else if (plan !== 'link-expires') {
    const signals = plan === 'automated-browser' ? { ...HUMAN_SIGNALS, webdriver: true } : HUMAN_SIGNALS;
    await v.handle.executeUpdate(startSession, { args: [signals] });
    for (const q of await questionsOf(db, v.id)) {
      const answer = plan === 'wrong-answers' ? wrongAnswer(q) : rightAnswer(q);
      await v.handle.executeUpdate(submitAnswer, { args: [{ questionId: q.id, answer, elapsedMs: 4000, pasted: false }] });
    }
    const { outcome } = await v.handle.executeUpdate(finishSession, { args: [signals] });
    if (outcome === 'passed' && plan === 'approve') {
      await v.handle.executeUpdate(approveReset, { args: [{ action: 'password_reset', approvedBy: 'bench-agent', ticketRef: 'BENCH-1' }] });
    }
  }
  return (await v.handle.result()).status;
}

/** Visibility trails the histories a little: wait until every closed verification is listed. */
async function untilVisible(harness: Harness, count: number): Promise<void> {
  const query = `WorkflowType = 'verificationWorkflow' AND ExecutionStatus != 'Running'`;
  const deadline = Date.now() + 60_000;
  while ((await harness.client.workflow.count(query)).count < count) {
    if (Date.now() > deadline) throw new Error(`visibility lists fewer than ${count} closed verifications after 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function run(script: string, args: string[], env: Record<string, string>, log: (line: string) => void) {
  return new Promise<{ output: string; exitCode: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd())); // the CLI's progress lines
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve({ output: Buffer.concat(out).toString('utf8'), exitCode }));
  });
}

function describe(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([, a], [, b]) => b - a)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

if (require.main === module) {
  runReplayBench({
    count: argument('--count', 1000),
    concurrency: argument('--concurrency', 50),
    log: (line) => console.log(line),
  }).then(
    (result) => {
      process.exitCode = result.exitCode === 0 && result.deterministic === result.seeded ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
