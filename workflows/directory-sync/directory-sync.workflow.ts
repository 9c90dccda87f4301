import * as wf from '@temporalio/workflow';
import type { DirectorySyncActivities, DirectorySyncSummary } from './activities';

const acts = wf.proxyActivities<DirectorySyncActivities>({
  startToCloseTimeout: '2 hours',
  // The activity heartbeats after each page: a worker that dies mid-sync is noticed in minutes, not hours.
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

/**
 * One directory sync, started by the Temporal Schedule (or on demand through the API). The report
 * is keyed by the workflow id, so each run has its own.
 */
export async function directorySyncWorkflow(): Promise<DirectorySyncSummary> {
  return acts.syncDirectory({ syncId: wf.workflowInfo().workflowId });
}
