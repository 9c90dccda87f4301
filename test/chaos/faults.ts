import type { ComponentName } from './components';
import { sleep } from './processes';
import type { ChaosStack } from './stack';

/** A SIGKILL of one component, or PostgreSQL frozen with SIGSTOP (a stalled disk, a VM pause). */
export const FAULTS = ['worker', 'api', 'temporal', 'postgres', 'postgres-pause'] as const;
/** `none`: the same flows without a fault, the baseline that tells the machine's limits from a fault's cost. */
export type Fault = (typeof FAULTS)[number] | 'none';

export interface FaultTimes {
  injectedAt: number;
  /** When the component was started again (or sent SIGCONT). */
  restartedAt: number;
  /** When the restarted component served again (for a pause, the same as restartedAt). */
  servingAt: number;
}

export interface FaultOptions {
  /** How long a killed component stays down before it is restarted. */
  downMs: number;
  /** How long PostgreSQL stays frozen. */
  pauseMs: number;
}

export function componentOf(fault: Exclude<Fault, 'none'>): ComponentName {
  return fault === 'postgres-pause' ? 'postgres' : fault;
}

export async function injectFault(stack: ChaosStack, fault: Fault, options: FaultOptions): Promise<FaultTimes> {
  const injectedAt = Date.now();
  if (fault === 'none') return { injectedAt, restartedAt: injectedAt, servingAt: injectedAt };
  const component = stack.component(componentOf(fault));
  if (fault === 'postgres-pause') {
    component.pause();
    await sleep(options.pauseMs);
    component.resume();
    const at = Date.now();
    return { injectedAt, restartedAt: at, servingAt: at };
  }
  await component.kill('SIGKILL');
  await sleep(options.downMs);
  const restartedAt = Date.now();
  try {
    await component.start();
  } catch (err) {
    // The run goes on without it: the flows and the checks then show what that costs.
    stack.events.push({ at: Date.now(), component: component.name, what: `did not come back: ${(err as Error).message}` });
  }
  return { injectedAt, restartedAt, servingAt: Date.now() };
}

export function parseFaults(list: string): Fault[] {
  const faults = list
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = faults.filter((f) => f !== 'none' && !(FAULTS as readonly string[]).includes(f));
  if (unknown.length) throw new Error(`unknown fault ${unknown.join(', ')}: choose from ${FAULTS.join(', ')} or none`);
  return faults as Fault[];
}
