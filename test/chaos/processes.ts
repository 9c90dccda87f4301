import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort as anyFreePort } from '../support/free-port';

/**
 * The harness's own processes and temp folders, and the one way out that removes them all. Each
 * process is the leader of its own process group, so a kill reaches its children too (PostgreSQL's
 * backends), and on Linux it gets SIGKILL from the kernel when the harness dies (setpriv
 * --pdeathsig), so even a harness killed with SIGKILL leaves nothing behind.
 */
const owned = new Set<ChildProcess>();
const ownedDirs = new Set<string>();
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => process.platform === 'linux' && existsSync(path));

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: string;
}

export function spawnOwned(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const log = openSync(options.logFile, 'a');
  const wrapper = SETPRIV
    ? [SETPRIV, '--pdeathsig', 'KILL', ...(options.user ? ['--reuid', options.user, '--regid', options.user, '--init-groups'] : [])]
    : [];
  const [file, ...argv] = [...wrapper, command, ...args];
  const child = spawn(file, argv, { env: options.env, stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  owned.add(child);
  child.once('exit', () => owned.delete(child));
  return child;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends the signal to the child's whole process group. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || hasExited(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** A temp folder the harness removes on its way out; others may traverse it (PostgreSQL's user). */
export function ownedTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'resetgate-chaos-'));
  chmodSync(dir, 0o711);
  ownedDirs.add(dir);
  return dir;
}

/** Synchronous, so it also runs from an 'exit' handler: every process group killed, every folder removed. */
export function removeEverything(options: { keepDirs?: boolean } = {}): void {
  for (const child of owned) {
    signalGroup(child, 'SIGCONT');
    signalGroup(child, 'SIGKILL');
  }
  if (options.keepDirs) return;
  for (const dir of ownedDirs) {
    // Files PostgreSQL wrote belong to its user; root removes them anyway.
    rmSync(dir, { recursive: true, force: true });
    ownedDirs.delete(dir);
  }
}

const EXIT_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Ctrl-C, SIGTERM and a normal exit all clean up. Returns the function that removes the handlers. */
export function cleanUpOnExit(options: { keepDirs?: boolean } = {}): () => void {
  const onExit = () => removeEverything(options);
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nchaos: ${signal}: stopping every process the harness started`);
    removeEverything(options);
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  };
  process.on('exit', onExit);
  for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
  return () => {
    process.off('exit', onExit);
    for (const signal of EXIT_SIGNALS) process.off(signal, onSignal);
  };
}

const handedOut = new Set<number>();

/** A free port on 127.0.0.1, never the same one twice in a run (a killed server's port stays its own). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true; throws with `what` and the last error after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(everyMs);
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms${last ? `: ${last}` : ''}`);
}

/** Runs a command to completion (initdb), throwing with its output when it fails. */
export function runToCompletion(command: string, args: string[], options: { user?: string; env?: NodeJS.ProcessEnv }): void {
  const argv =
    options.user && SETPRIV
      ? [SETPRIV, '--reuid', options.user, '--regid', options.user, '--init-groups', command, ...args]
      : [command, ...args];
  const result = spawnSync(argv[0], argv.slice(1), { env: options.env ?? process.env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
}
