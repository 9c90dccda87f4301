import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { hashSecret } from '../../core/security/hash-secret';
import { ApiKeyEntity, type Role } from '../../core/database/entities/api-key.entity';
import { createTestDatabase, type TestDatabase } from './database';
import { TEST_AUDIT_KEY, TEST_PAYLOAD_KEYS } from './test-keys';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');

export { TEST_AUDIT_KEY, TEST_PAYLOAD_KEYS } from './test-keys';
/** The development IdP's demo password in tests. */
export const TEST_IDP_PASSWORD = 'test-idp-password';

export interface Stack {
  baseUrl: string;
  taskQueue: string;
  apiKey: string;
  db: TestDatabase;
  startWorker(): Promise<void>;
  killWorker(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the API and starts it again with these variables changed: a restart with new configuration. */
  restartApi(changedEnv: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /**
   * The host name of PUBLIC_URL and baseUrl (the API still listens on 127.0.0.1). `localhost` for
   * passkeys: WebAuthn refuses an IP address as the relying party, and localhost is a secure context.
   */
  host?: string;
  /** A port that forwards to PostgreSQL (test/support/tcp-proxy.ts): the API and worker connect through it. */
  databasePort?: number;
}

/**
 * The real stack as separate processes, built from dist/: the API and the worker, on a fresh
 * database and their own task queue against the suite-wide Temporal dev server.
 */
export async function startStack(extraEnv: Record<string, string> = {}, options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase();
  const port = await freePort();
  const apiKey = `test_${randomBytes(16).toString('hex')}`;
  const baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: options.databasePort ? withPort(db.url, options.databasePort) : db.url,
    TEMPORAL_TASK_QUEUE: `e2e-${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    RESETGATE_BOOTSTRAP_API_KEY: apiKey,
    RESETGATE_AUDIT_KEY: TEST_AUDIT_KEY,
    RESETGATE_DEV_IDP_PASSWORD: TEST_IDP_PASSWORD,
    RESETGATE_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    RESETGATE_SEED_DEV_DIRECTORY: 'false',
    // Tests read the links from the dev outbox; it is off unless asked for (it shows live link tokens).
    RESETGATE_DEV_OUTBOX: 'true',
    LOG_LEVEL: 'warn',
    // The plumbing suites (approval, replay, webhooks, exports…) need passes, and the question rule
    // gives one without a manager's vouch. Suites about proofs, the product's default, say so.
    RESETGATE_ASSURANCE: 'questions',
    ...extraEnv,
  };
  let api = launch('dist/api/main.js', env);
  let worker: ChildProcess | undefined = launch('dist/worker/main.js', env);

  const stack: Stack = {
    baseUrl,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    apiKey,
    db,
    async startWorker() {
      worker = launch('dist/worker/main.js', env);
      await waitForReady(baseUrl);
    },
    async killWorker(signal = 'SIGKILL') {
      if (!worker) return;
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill(signal);
      await exited;
      worker = undefined;
    },
    async restartApi(changedEnv) {
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
      Object.assign(env, changedEnv);
      api = launch('dist/api/main.js', env);
      await waitForReady(baseUrl);
    },
    async stop() {
      await stack.killWorker('SIGTERM');
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
      await db.drop();
    },
  };
  await waitForReady(baseUrl);
  return stack;
}

/** Each process's output goes to a log file under the temp folder, named in any failure. */
function launch(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const logFile = join(tmpdir(), `resetgate-${env.TEMPORAL_TASK_QUEUE}-${basename(script, '.js')}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [join(ROOT, script)], { env, stdio: ['ignore', log, 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
    appendFileSync(logFile, chunk);
  });
  child.on('exit', (code, signal) => {
    if (code && !signal) console.error(`${script} exited with ${code}:\n${errors}`);
  });
  return child;
}

async function waitForReady(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) return;
      last = await res.text();
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`stack not ready after ${timeoutMs} ms: ${last}`);
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

export interface ApiResponse<T = any> {
  status: number;
  contentType: string;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  key?: string | null;
  headers?: Record<string, string>;
  cookie?: string;
  /** false: hand back a 503 as it came, for tests about outages. */
  retry?: boolean;
}

/** The 503s a client should simply send again: Temporal or its worker briefly away, or the result not ready yet. */
const RETRIED_PROBLEMS = ['workflow-service-unavailable', 'still-working'].map((slug) => `https://resetgate.dev/problems/${slug}`);
const RETRY_FOR_MS = 30_000;

/**
 * A small fetch wrapper: JSON in, parsed JSON (or problem) out. Like any well-behaved client, it
 * sends the same request again after a retryable 503 (every call that changes something is
 * retry-safe), waiting the Retry-After, so a loaded machine or a restarting worker is no failure.
 */
export async function call<T = any>(stack: Stack, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  for (;;) {
    const answer = await callOnce<T>(stack, method, path, options);
    const retryable = answer.status === 503 && RETRIED_PROBLEMS.includes((answer.body as { type?: string })?.type ?? '');
    if (!retryable || options.retry === false || Date.now() > giveUpAt) return answer;
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number(answer.headers.get('retry-after')) || 1, 2) * 1000));
  }
}

async function callOnce<T>(stack: Stack, method: string, path: string, options: CallOptions): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? stack.apiKey : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${stack.baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed as T, headers: res.headers };
}

/** An API key with just these roles, stored hashed as the API stores them: for role checks. */
export async function apiKeyWithRoles(stack: Stack, ...roles: Role[]): Promise<string> {
  const key = `test_${roles.join('_')}_${randomBytes(12).toString('hex')}`;
  await stack.db.dataSource.getRepository(ApiKeyEntity).insert({
    name: `test-${roles.join('-')}`,
    roles,
    prefix: key.slice(0, 8),
    keyHash: hashSecret(key),
  });
  return key;
}
