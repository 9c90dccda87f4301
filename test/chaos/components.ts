import type { ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { exited, hasExited, signalGroup, sleep, spawnOwned, type SpawnOptions, waitUntil } from './processes';

export const COMPONENTS = ['postgres', 'temporal', 'api', 'worker'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface ComponentEvent {
  at: number;
  component: ComponentName;
  what: string;
}

export interface ComponentSpec {
  name: ComponentName;
  command: string;
  args: string[];
  spawn: Omit<SpawnOptions, 'logFile'>;
  logFile: string;
  /** Resolves when the new process serves; `logFrom` is the log's size when it was spawned. */
  ready(logFrom: number): Promise<boolean>;
  readyTimeoutMs: number;
  /** The clean stop's signal: SIGTERM, or SIGINT for PostgreSQL's fast shutdown (SIGTERM waits for clients). */
  stopSignal?: NodeJS.Signals;
}

/**
 * One process the harness runs and may kill, pause and restart. Like a container supervisor, it
 * restarts a process that exits on its own (after a pause, each time noted as an event), but never
 * one the harness took down on purpose.
 */
export class Component {
  private child?: ChildProcess;
  private down = true;
  private starting = false;
  readonly events: ComponentEvent[];

  constructor(
    private readonly spec: ComponentSpec,
    events: ComponentEvent[],
  ) {
    this.events = events;
  }

  get name(): ComponentName {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the process and waits until it serves; a process that dies while starting is tried again. */
  async start(): Promise<void> {
    this.down = false;
    this.starting = true;
    try {
      await this.startAndWait();
    } finally {
      this.starting = false;
    }
  }

  private async startAndWait(): Promise<void> {
    const deadline = Date.now() + this.spec.readyTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      const logFrom = sizeOf(this.spec.logFile);
      const child = this.spawn();
      try {
        await waitUntil(
          this.name,
          async () => {
            if (hasExited(child)) throw new Error(`exited while starting (see ${this.spec.logFile})`);
            return this.spec.ready(logFrom);
          },
          Math.max(1000, deadline - Date.now()),
        );
        return;
      } catch (err) {
        if (Date.now() >= deadline || !hasExited(child)) throw err;
        // PostgreSQL after a SIGKILL: the old backends may hold shared memory for a moment.
        this.events.push({ at: Date.now(), component: this.name, what: `start attempt ${attempt} failed, trying again` });
        await sleep(500);
      }
    }
  }

  /** Takes the process down on purpose (SIGKILL reaches the whole process group); it stays down. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.down = true;
    const child = this.child;
    if (!child) return;
    signalGroup(child, signal);
    await exited(child);
  }

  /** SIGTERM, then SIGKILL after `graceMs`: the clean stop at the end of a run. */
  async stop(graceMs = 10_000): Promise<void> {
    this.down = true;
    const child = this.child;
    if (!child || hasExited(child)) return;
    signalGroup(child, 'SIGCONT');
    signalGroup(child, this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(timer);
  }

  pause(): void {
    if (this.child) signalGroup(this.child, 'SIGSTOP');
  }

  resume(): void {
    if (this.child) signalGroup(this.child, 'SIGCONT');
  }

  /** The process's logged errors (pino level ≥ 50), first line each, ids masked, counted: where a 500 came from. */
  loggedErrors(): Record<string, number> {
    const counts: Record<string, number> = {};
    let text = '';
    try {
      text = readFileSync(this.spec.logFile, 'utf8');
    } catch {
      return counts;
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: { level?: number; msg?: unknown };
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if ((entry.level ?? 0) < 50) continue;
      const message = String(entry.msg ?? '')
        .split('\n')[0]
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
        .slice(0, 160);
      counts[message] = (counts[message] ?? 0) + 1;
    }
    return counts;
  }

  private spawn(): ChildProcess {
    const child = spawnOwned(this.spec.command, this.spec.args, { ...this.spec.spawn, logFile: this.spec.logFile });
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.down || this.starting || this.child !== child) return;
      this.events.push({ at: Date.now(), component: this.name, what: `exited on its own (${signal ?? `code ${code}`}), restarting` });
      void this.restartAfterCrash();
    });
    return child;
  }

  private async restartAfterCrash(): Promise<void> {
    await sleep(2000);
    if (this.down) return;
    try {
      await this.start();
    } catch (err) {
      this.events.push({ at: Date.now(), component: this.name, what: `restart failed: ${(err as Error).message}` });
    }
  }
}

export function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Whether the log has `text` after byte `from`: how the worker says it polls. */
export function logSays(file: string, from: number, text: string): boolean {
  try {
    return readFileSync(file).subarray(from).toString('utf8').includes(text);
  } catch {
    return false;
  }
}
