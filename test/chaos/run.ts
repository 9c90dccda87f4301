import { loadConfig } from '../../core/config/app-config';
import { ChaosClient } from './client';
import { type Fault, injectFault } from './faults';
import { flowKinds, runFlow } from './flows';
import { checkServer, waitUntilSettled } from './invariants';
import { Phones, pickUsers } from './oracle';
import { cleanUpOnExit, removeEverything, sleep } from './processes';
import { type RunResult, summarise } from './report';
import { ChaosStack, type Lifetimes } from './stack';

export interface ChaosOptions {
  flows: number;
  faults: Fault[];
  /** When the fault strikes, after the first flow started. */
  faultAtMs: number;
  /** Flows start evenly over this time, so they are in every step when the fault strikes. */
  rampMs: number;
  downMs: number;
  pauseMs: number;
  lifetimes: Lifetimes;
  attemptTimeoutMs: number;
  retryBudgetMs: number;
  /** After the lifetimes, how long the run waits for the last timers before calling a verification stuck. */
  graceMs: number;
  seed: number;
  /** Keep the temp folder (logs, data) for a post-mortem. */
  keep: boolean;
  log: (line: string) => void;
}

export const FULL_RUN: Omit<ChaosOptions, 'log'> = {
  flows: 200,
  faults: ['worker', 'api', 'temporal', 'postgres', 'postgres-pause'],
  faultAtMs: 12_000,
  rampMs: 10_000,
  downMs: 15_000,
  pauseMs: 30_000,
  lifetimes: { linkLifetimeSeconds: 120, sessionLifetimeSeconds: 120, approvalWindowSeconds: 60 },
  attemptTimeoutMs: 5000,
  retryBudgetMs: 90_000,
  graceMs: 30_000,
  seed: 12,
  keep: false,
};

/** Starts its own stack, runs each fault on a fresh database, API and worker, and always cleans up. */
export async function runChaos(options: ChaosOptions): Promise<RunResult[]> {
  const uninstall = cleanUpOnExit({ keepDirs: options.keep });
  let stack: ChaosStack | undefined;
  try {
    stack = await ChaosStack.start();
    options.log(`chaos: PostgreSQL on 127.0.0.1:${stack.postgresPort}, Temporal on ${stack.temporalAddress}, files in ${stack.dir}`);
    const results: RunResult[] = [];
    for (const fault of options.faults) results.push(await runFault(stack, fault, options));
    return results;
  } finally {
    await stack?.stop().catch((err: unknown) => options.log(`chaos: stopping: ${String(err)}`));
    removeEverything({ keepDirs: options.keep });
    uninstall();
  }
}

async function runFault(stack: ChaosStack, fault: Fault, options: ChaosOptions): Promise<RunResult> {
  const { lifetimes } = options;
  const booting = Date.now();
  const run = await stack.startRun(fault, lifetimes, options.flows);
  options.log(`chaos: ${fault}: API and worker up in ${((Date.now() - booting) / 1000).toFixed(1)} s`);
  const client = new ChaosClient(run.baseUrl, { attemptTimeoutMs: options.attemptTimeoutMs, retryBudgetMs: options.retryBudgetMs });
  const { privilegedGroups } = loadConfig({});
  const users = await pickUsers(run.pool, options.flows, privilegedGroups);
  if (users.length < options.flows) throw new Error(`the dev directory has ${users.length} users for ${options.flows} flows`);
  const kinds = flowKinds(options.flows, options.seed);
  const phones = new Phones(run.pool);
  const eventsBefore = stack.events.length;
  options.log(`chaos: ${fault}: ${options.flows} flows against ${run.baseUrl}`);

  const started = Date.now();
  const flows = Promise.all(
    kinds.map(async (kind, i) => {
      await sleep((i * options.rampMs) / options.flows);
      return runFlow(i, kind, {
        client,
        pool: run.pool,
        phones,
        apiKey: run.apiKeys[i % run.apiKeys.length],
        user: users[i],
        linkWaitMs: lifetimes.linkLifetimeSeconds * 1000,
      });
    }),
  );
  const faulted = sleep(options.faultAtMs).then(() => {
    options.log(`chaos: ${fault}: fault at +${((Date.now() - started) / 1000).toFixed(1)} s`);
    return injectFault(stack, fault, options);
  });
  const [records, times] = await Promise.all([flows, faulted]);
  options.log(`chaos: ${fault}: flows ended at +${((Date.now() - started) / 1000).toFixed(1)} s; waiting for the lifetimes to pass`);

  const longest = Math.max(lifetimes.linkLifetimeSeconds, lifetimes.sessionLifetimeSeconds, lifetimes.approvalWindowSeconds) * 1000;
  await waitUntilSettled(run.pool, Date.now() + longest + options.graceMs);
  options.log(`chaos: ${fault}: settled at +${((Date.now() - started) / 1000).toFixed(1)} s; checking`);
  const server = await checkServer(
    run.pool,
    run.databaseUrl,
    { address: stack.temporalAddress, taskQueue: run.taskQueue },
    stack.auditKey,
    records,
  );
  const result = summarise(fault, records, client.attempts, server, times, stack.events.slice(eventsBefore), stack.loggedErrors());
  await stack.stopRun();
  return result;
}
