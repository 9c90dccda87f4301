import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { repoRoot } from '../../core/repo-root';
import { hashSecret } from '../../core/security/hash-secret';
import { Component, type ComponentEvent, type ComponentName, logSays } from './components';
import { freePort, ownedTempDir } from './processes';
import { postgresServer, postgresUrl, temporalServer } from './servers';

/** The harness runs from test/chaos (jest) or dist/test/chaos (npm run chaos); the API and worker always from dist/. */
const REPO = repoRoot();

export interface Lifetimes {
  linkLifetimeSeconds: number;
  sessionLifetimeSeconds: number;
  approvalWindowSeconds: number;
}

/** One fault run's API, worker and database, on the harness's PostgreSQL cluster and Temporal dev server. */
export interface RunStack {
  baseUrl: string;
  taskQueue: string;
  databaseUrl: string;
  /** One agent key per flow: the API allows 30 new verifications a minute per key, retries included. */
  apiKeys: string[];
  /** The harness's own connections: the caller's phone (the link) and the test's oracle (answer keys). */
  pool: Pool;
}

/**
 * PostgreSQL (its own cluster: data folder and port), the Temporal dev server (its own ports and
 * SQLite file), and per run the API and the worker as separate processes: all on 127.0.0.1, all
 * under one temp folder, none shared with a developer's or the test suite's processes.
 */
export class ChaosStack {
  readonly events: ComponentEvent[] = [];
  readonly auditKey = `chaos-audit-${randomBytes(16).toString('hex')}`;
  private readonly payloadKeys = `chaos:${randomBytes(32).toString('base64')}`;
  private readonly components = new Map<ComponentName, Component>();
  private run?: RunStack;

  private constructor(
    readonly dir: string,
    readonly postgresPort: number,
    readonly temporalAddress: string,
  ) {}

  static async start(): Promise<ChaosStack> {
    const dir = ownedTempDir();
    const stack = new ChaosStack(dir, await freePort(), `127.0.0.1:${await freePort()}`);
    mkdirSync(join(dir, 'logs'));
    stack.components.set('postgres', postgresServer(dir, stack.postgresPort, stack.events));
    stack.components.set('temporal', await temporalServer(dir, stack.temporalAddress, stack.events));
    await stack.component('postgres').start();
    await stack.component('temporal').start();
    return stack;
  }

  component(name: ComponentName): Component {
    const component = this.components.get(name);
    if (!component) throw new Error(`no ${name} running`);
    return component;
  }

  adminUrl(database = 'postgres'): string {
    return postgresUrl(this.postgresPort, database);
  }

  /** A fresh database, API and worker for one fault run: runs share nothing but the servers. */
  async startRun(name: string, lifetimes: Lifetimes, flows: number): Promise<RunStack> {
    const database = `chaos_${name.replace(/[^a-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: this.adminUrl(), connectionTimeoutMillis: 5000 });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const bootstrapKey = `chaos_${randomBytes(16).toString('hex')}`;
    const taskQueue = `chaos-${name}-${randomBytes(3).toString('hex')}`;
    const databaseUrl = this.adminUrl(database);
    const env = this.appEnv({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      RESETGATE_BOOTSTRAP_API_KEY: bootstrapKey,
      RESETGATE_LINK_LIFETIME_SECONDS: String(lifetimes.linkLifetimeSeconds),
      RESETGATE_SESSION_LIFETIME_SECONDS: String(lifetimes.sessionLifetimeSeconds),
      RESETGATE_APPROVAL_WINDOW_SECONDS: String(lifetimes.approvalWindowSeconds),
    });
    const api = this.appProcess('api', name, env, () => httpOk(`${baseUrl}/health/live`));
    const workerLog = join(this.dir, 'logs', `run-${name}-worker.log`);
    const worker = this.appProcess('worker', name, env, async (from) => logSays(workerLog, from, 'worker polling'));
    this.components.set('api', api);
    this.components.set('worker', worker);
    await api.start(); // migrates and seeds the dev directory
    await worker.start();
    const pool = new Pool({ connectionString: databaseUrl, max: 6, connectionTimeoutMillis: 2000, query_timeout: 3000 });
    pool.on('error', () => {}); // an idle connection dies with PostgreSQL: expected here
    const apiKeys = await insertAgentKeys(pool, flows);
    this.run = { baseUrl, taskQueue, databaseUrl, apiKeys, pool };
    return this.run;
  }

  /** The errors the run's API and worker logged, for the report. */
  loggedErrors(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const name of ['api', 'worker'] as const) {
      for (const [message, n] of Object.entries(this.components.get(name)?.loggedErrors() ?? {})) counts[`${name}: ${message}`] = n;
    }
    return counts;
  }

  async stopRun(): Promise<void> {
    await this.components.get('api')?.stop();
    await this.components.get('worker')?.stop();
    this.components.delete('api');
    this.components.delete('worker');
    await this.run?.pool.end().catch(() => {});
    this.run = undefined;
  }

  async stop(): Promise<void> {
    await this.stopRun();
    await this.components.get('temporal')?.stop();
    await this.components.get('postgres')?.stop();
  }

  /** A minimal environment: nothing of the developer's RESETGATE_*, DATABASE_URL or TEMPORAL_* leaks in. */
  private appEnv(run: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: process.env.LANG ?? 'C.UTF-8',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RESETGATE_DATA_DIR: join(this.dir, 'data'),
      RESETGATE_AUDIT_KEY: this.auditKey,
      RESETGATE_PAYLOAD_KEYS: this.payloadKeys,
      RESETGATE_DEV_IDP_PASSWORD: randomBytes(12).toString('hex'),
      RESETGATE_SEED_DEV_DIRECTORY: 'true',
      RESETGATE_DEV_OUTBOX: 'true',
      // The suite measures reliability, not scoring: the question rule decides, and risk never flips a right answer.
      RESETGATE_ASSURANCE: 'questions',
      RESETGATE_MAX_RISK: '10',
      RESETGATE_IDP_STEP_UP: 'false',
      RESETGATE_MAX_PER_USER_PER_DAY: '1000',
      // Callers reach the API through a proxy on loopback, each from its own address (X-Forwarded-For):
      // the per-address limit on Start then counts one caller's retries, not all 200 callers'.
      TRUST_PROXY: 'loopback',
      ...run,
    };
  }

  private appProcess(name: 'api' | 'worker', run: string, env: NodeJS.ProcessEnv, ready: (from: number) => Promise<boolean>): Component {
    return new Component(
      {
        name,
        command: process.execPath,
        args: [join(REPO, 'dist', name, 'main.js')],
        spawn: { env },
        logFile: join(this.dir, 'logs', `run-${run}-${name}.log`),
        ready,
        readyTimeoutMs: 60_000,
      },
      this.events,
    );
  }
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await res.arrayBuffer();
  return res.ok;
}

async function insertAgentKeys(pool: Pool, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = `chaos_agent_${i}_${randomBytes(16).toString('hex')}`;
    await pool.query(`INSERT INTO api_keys (name, prefix, key_hash, roles) VALUES ($1, $2, $3, $4)`, [
      `chaos-agent-${i}`,
      key.slice(0, 8),
      hashSecret(key),
      ['agent'],
    ]);
    keys.push(key);
  }
  return keys;
}
