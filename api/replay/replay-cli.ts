import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { replayVerifications, type ReplayVerdict, replayWorkerOptions } from './replay-verification';

const USAGE = `usage: npm run replay -- <verification id | history.json | --all [--since 2026-11-01]>
  An id or --all reads histories from TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE, default "default").`;

/**
 * `npm run replay`: replays verification histories against the current workflow code and prints,
 * for each, a determinism verdict and the decision timeline. Exit code 1 if any fails to replay.
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const args = process.argv.slice(2);
  if (args.length === 0) throw new UsageError(USAGE);
  let failed = 0;
  let done = 0;
  const started = Date.now();
  const batch = args[0] === '--all';
  for await (const verdict of replayVerifications(replayWorkerOptions(), histories(args))) {
    done++;
    if (!verdict.deterministic) failed++;
    print(verdict, batch ? `[${done}] ` : '');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${done} replayed in ${seconds} s: ${done - failed} deterministic, ${failed} not`);
  process.exitCode = failed ? 1 : 0;
}

async function* histories(args: string[]) {
  const [target] = args;
  if (target.endsWith('.json')) {
    yield { workflowId: target, history: historyFromJSON(JSON.parse(readFileSync(target, 'utf8'))) };
    return;
  }
  if (!process.env.TEMPORAL_ADDRESS) throw new UsageError(`TEMPORAL_ADDRESS is not set\n${USAGE}`);
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  try {
    if (target !== '--all') {
      const workflowId = target.startsWith('verification-') ? target : `verification-${target}`;
      yield { workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() };
      return;
    }
    const since = args[args.indexOf('--since') + 1];
    const query = [
      `WorkflowType = 'verificationWorkflow'`,
      `ExecutionStatus != 'Running'`,
      ...(args.includes('--since') ? [`StartTime >= '${new Date(since).toISOString()}'`] : []),
    ].join(' AND ');
    for await (const execution of client.workflow.list({ query })) {
      yield {
        workflowId: execution.workflowId,
        history: await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory(),
      };
    }
  } finally {
    await connection.close();
  }
}

function print(verdict: ReplayVerdict, prefix: string): void {
  console.log(`${prefix}${verdict.deterministic ? '✔ deterministic' : '✘ NOT deterministic'}  ${verdict.workflowId}`);
  if (verdict.error) console.log(`    ${verdict.error}`);
  for (const entry of verdict.timeline) console.log(`    ${entry.at}  ${entry.event.padEnd(20)} ${entry.detail}`);
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(2);
});
