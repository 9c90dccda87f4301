import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../workflows/verification/search-attributes';

/**
 * Where the `temporal` CLI is: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the copy
 * `.ci/run` builds with `go install`. Undefined means "let the SDK download it" (last resort;
 * these offline machines cannot).
 */
export function findTemporalCli(): string | undefined {
  const candidates = [
    process.env.TEMPORAL_CLI_PATH,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'temporal')),
    join(homedir(), '.cache', 'temporal-cli', 'temporal'),
  ];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

const GO_INSTALL_TARGET = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/**
 * For `npm start` on a machine without the CLI: build it from the Go module proxy when Go is
 * installed (minutes, once), since offline machines cannot use the SDK's download.
 */
export function ensureTemporalCli(log: (line: string) => void): string | undefined {
  const found = findTemporalCli();
  if (found) return found;
  const go = ['/usr/local/go/bin/go', ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'go'))].find((p) =>
    existsSync(p),
  );
  if (!go) return undefined;
  const gobin = join(homedir(), '.cache', 'temporal-cli');
  log(`building the Temporal CLI with go install into ${gobin} (first start only; takes a few minutes)`);
  const result = spawnSync(go, ['install', GO_INSTALL_TARGET], { env: { ...process.env, GOBIN: gobin }, stdio: 'inherit' });
  return result.status === 0 ? findTemporalCli() : undefined;
}

export interface DevServerOptions {
  port?: number;
  /** Persist to this SQLite file so a restart loses nothing; in memory when unset. */
  dbFilename?: string;
  uiPort?: number;
  /** The Web UI's remote codec endpoint (the API's `/api/v1/temporal-codec`). */
  uiCodecEndpoint?: string;
}

/**
 * For a dev server on a SQLite file: write-ahead logging, and fsync at checkpoints rather than on
 * every commit. The defaults made the embedded Temporal 2.5 times slower than in memory (issue 13:
 * 3.8 against 9.7 skeleton flows/s); a crash of the machine can lose the last moments, which a
 * development server may.
 */
const SQLITE_FILE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

/** Starts a local Temporal dev server with ResetGate's search attributes registered. */
export async function startTemporalDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const cli = findTemporalCli();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      port: options.port,
      dbFilename: options.dbFilename,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      searchAttributes: ALL_SEARCH_ATTRIBUTE_KEYS,
      extraArgs: [
        '--log-level',
        'error',
        ...(options.dbFilename ? SQLITE_FILE_PRAGMAS : []),
        ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
      ],
    },
  });
}
