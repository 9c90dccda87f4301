import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError } from '../core/config/config-error';
import { parsePayloadKeys } from '../core/config/payload-keys';
import { type HistorySource, replayVerifications, type ReplayVerdict, replayWorkerOptions } from '../core/replay/replay-verification';
import { verificationWorkflowId } from '../api/verifications/verification-workflows';

const USAGE = `usage: npm run replay -- <verification id | history.json | --all [--since 2026-11-01] [--page-size 500]>
  An id or --all reads histories from TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE, default "default").
  Encrypted histories need RESETGATE_PAYLOAD_KEYS holding the key they were written with.`;

/** A progress line on stderr this often in a batch, so a redirected stdout still shows it moving. */
const PROGRESS_EVERY = 100;

/**
 * `npm run replay`: replays verification histories against the current workflow code and prints,
 * for each, a determinism verdict and the decision timeline. Exit code 1 if any fails to replay.
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const args = parseArgs(process.argv.slice(2));
  const keys = process.env.RESETGATE_PAYLOAD_KEYS ? parsePayloadKeys(process.env.RESETGATE_PAYLOAD_KEYS) : undefined;
  let failed = 0;
  let done = 0;
  const started = Date.now();
  const source = await openSource(args);
  try {
    for await (const verdict of replayVerifications(replayWorkerOptions(), source.histories, keys)) {
      done++;
      if (!verdict.deterministic) failed++;
      print(verdict, args.all ? `[${done}/${source.total ?? '?'}] ` : '');
      if (args.all && done % PROGRESS_EVERY === 0) {
        console.error(`… ${done} of ${source.total ?? '?'} replayed (${rate(done, started)}/s), ${failed} not deterministic`);
      }
    }
  } finally {
    await source.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${done} replayed in ${seconds} s (${rate(done, started)}/s): ${done - failed} deterministic, ${failed} not`);
  process.exitCode = failed ? 1 : 0;
}

interface Args {
  target?: string;
  all: boolean;
  since?: Date;
  pageSize: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { all: false, pageSize: 500 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') args.all = true;
    else if (arg === '--since') {
      args.since = new Date(argv[++i] ?? '');
      if (Number.isNaN(args.since.getTime())) throw new UsageError(`--since needs a date such as 2026-11-01\n${USAGE}`);
    } else if (arg === '--page-size') {
      args.pageSize = Number(argv[++i]);
      if (!Number.isInteger(args.pageSize) || args.pageSize < 1 || args.pageSize > 1000) {
        throw new UsageError(`--page-size must be a whole number from 1 to 1000\n${USAGE}`);
      }
    } else if (!arg.startsWith('--') && !args.target) args.target = arg;
    else throw new UsageError(`unexpected argument "${arg}"\n${USAGE}`);
  }
  if (args.all === !!args.target) throw new UsageError(USAGE);
  return args;
}

/** Where the histories come from: a file, one verification, or every closed one (paged through visibility). */
async function openSource(args: Args): Promise<{ histories: HistorySource; total?: number; close(): Promise<void> }> {
  if (args.target?.endsWith('.json')) {
    const history = historyFromJSON(JSON.parse(readFileSync(args.target, 'utf8')));
    return { histories: [{ workflowId: args.target, history }], total: 1, close: async () => {} };
  }
  if (!process.env.TEMPORAL_ADDRESS) throw new UsageError(`TEMPORAL_ADDRESS is not set\n${USAGE}`);
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const close = () => connection.close();
  if (args.target) {
    const workflowId = args.target.startsWith('verification-') ? args.target : verificationWorkflowId(args.target);
    return { histories: [{ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() }], total: 1, close };
  }
  const query = [
    `WorkflowType = 'verificationWorkflow'`,
    `ExecutionStatus != 'Running'`,
    ...(args.since ? [`StartTime >= '${args.since.toISOString()}'`] : []),
  ].join(' AND ');
  const { count } = await client.workflow.count(query);
  async function* histories() {
    // The listing pages through visibility with its own continuation token, however many there are.
    for await (const execution of client.workflow.list({ query, pageSize: args.pageSize })) {
      yield {
        workflowId: execution.workflowId,
        history: await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory(),
      };
    }
  }
  return { histories: histories(), total: count, close };
}

function rate(done: number, started: number): string {
  return (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1);
}

function print(verdict: ReplayVerdict, prefix: string): void {
  console.log(`${prefix}${verdict.deterministic ? '✔ deterministic' : '✘ NOT deterministic'}  ${verdict.workflowId}`);
  if (verdict.error) console.log(`    ${verdict.error}`);
  for (const entry of verdict.timeline) console.log(`    ${entry.at}  ${entry.event.padEnd(20)} ${entry.detail}`);
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError || err instanceof ConfigError ? err.message : err);
  process.exit(2);
});
