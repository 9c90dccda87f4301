import { existsSync } from 'node:fs';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_PATH } from '../worker/run-worker';
import { decisionTimeline, type TimelineEntry } from './decision-timeline';

export interface ReplayVerdict {
  workflowId: string;
  deterministic: boolean;
  /** Why replay failed, naming the workflow: present only when it did. */
  error?: string;
  timeline: TimelineEntry[];
}

/** Where the current workflow code is: the built bundle when there is one, the sources otherwise. */
export function replayWorkerOptions() {
  return existsSync(WORKFLOW_BUNDLE_PATH)
    ? { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } }
    : { workflowsPath: require.resolve('../../workflows') };
}

/** Replays histories against the current workflow code, yielding a verdict and timeline for each. */
export async function* replayVerifications(
  workerOptions: ReturnType<typeof replayWorkerOptions>,
  histories:
    | AsyncIterable<{ workflowId: string; history: temporal.api.history.v1.IHistory }>
    | Iterable<{ workflowId: string; history: temporal.api.history.v1.IHistory }>,
): AsyncGenerator<ReplayVerdict> {
  const timelines = new Map<string, TimelineEntry[]>();
  async function* withTimelines() {
    for await (const item of histories) {
      timelines.set(item.workflowId, decisionTimeline(item.history));
      yield item;
    }
  }
  for await (const result of Worker.runReplayHistories(workerOptions, withTimelines() as never)) {
    yield {
      workflowId: result.workflowId,
      deterministic: !result.error,
      ...(result.error && { error: `${result.workflowId} does not replay on the current workflow code: ${result.error.message}` }),
      timeline: timelines.get(result.workflowId) ?? [],
    };
    timelines.delete(result.workflowId);
  }
}
