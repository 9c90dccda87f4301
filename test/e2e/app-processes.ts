import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TestDatabase } from '../support/database';
import { TEST_AUDIT_KEY, TEST_PAYLOAD_KEYS } from '../support/test-keys';
import { freePort } from '../support/free-port';

const ROOT = join(__dirname, '..', '..');

/**
 * The API and worker processes one at a time, for suites about the processes themselves (their
 * output, their signals, their exit codes), which test/support/stack.ts keeps out of sight.
 */
export interface AppProcess {
  child: ChildProcess;
  stderr(): string;
  /** stdout as read so far; empty when the suite reads it otherwise. */
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface AppEnv extends NodeJS.ProcessEnv {
  PORT: string;
  TEMPORAL_TASK_QUEUE: string;
  RESETGATE_BOOTSTRAP_API_KEY: string;
}

export async function appEnv(db: TestDatabase, extra: Record<string, string> = {}): Promise<AppEnv> {
  const port = await freePort();
  return {
    ...process.env,
    DATABASE_URL: db.url,
    TEMPORAL_TASK_QUEUE: `e2e-${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    RESETGATE_BOOTSTRAP_API_KEY: `test_${randomBytes(16).toString('hex')}`,
    RESETGATE_AUDIT_KEY: TEST_AUDIT_KEY,
    RESETGATE_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    RESETGATE_SEED_DEV_DIRECTORY: 'false',
    RESETGATE_DEV_OUTBOX: 'true',
    RESETGATE_ASSURANCE: 'questions',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts `dist/<script>` with piped output. `readStdout: false` leaves stdout unread, as a stalled log reader would. */
export function startProcess(script: string, env: NodeJS.ProcessEnv, options: { readStdout?: boolean } = {}): AppProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist', script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.readStdout !== false) child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => stderr, stdout: () => stdout, exited };
}

/** Resolves with the exit, or rejects naming the process when it takes longer than `ms`. */
export async function exitWithin(app: AppProcess, ms: number, name: string) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} still running ${ms} ms after the signal:\n${app.stderr()}`)), ms);
  });
  try {
    return await Promise.race([app.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `url` until it answers 200, failing early with the process's stderr if it exits. */
export async function waitForOk(url: string, app: AppProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  let last = '';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the process exited before ${url} answered:\n${app.stderr()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = await res.text();
    } catch (err) {
      last = String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}

/** What a stop must never print: an uncaught error, a closed gRPC channel being used, a stack trace. */
export const UNCLEAN_OUTPUT = /uncaught|unhandled|Channel has been shut down|^\s+at .+:\d+:\d+\)?$/im;
