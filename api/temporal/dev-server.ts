import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';

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

export interface DevServerOptions {
  port?: number;
  /** Persist to this SQLite file so a restart loses nothing; in memory when unset. */
  dbFilename?: string;
  uiPort?: number;
}

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
      extraArgs: ['--log-level', 'error'],
    },
  });
}
