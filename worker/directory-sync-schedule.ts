import { type Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { directorySyncWorkflow } from '../workflows';

/** One schedule per task queue, so stacks sharing a Temporal namespace (tests, staging) keep apart. */
export function directorySyncScheduleId(taskQueue: string): string {
  return `directory-sync-${taskQueue}`;
}

/**
 * The Temporal Schedule that runs a directory sync every `intervalMinutes`. Created on the first
 * worker start; later starts bring its interval in line with the configuration.
 */
export async function ensureDirectorySyncSchedule(client: Client, taskQueue: string, intervalMinutes: number): Promise<void> {
  const scheduleId = directorySyncScheduleId(taskQueue);
  const spec = { intervals: [{ every: `${intervalMinutes} minutes` }] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action: { type: 'startWorkflow', workflowType: directorySyncWorkflow, taskQueue, args: [] },
      // A sync still running when the next is due: skip, never pile up.
      policies: { overlap: 'SKIP', catchupWindow: '10 minutes' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  }
}
