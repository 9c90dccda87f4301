import { type ReplayWorkerOptions, Worker } from '@temporalio/worker';
import type { PayloadKeyRing } from '../config/payload-keys';
import { FAILURE_CONVERTER_PATH } from '../temporal/data-converter';
import { decodeHistory, type History } from '../temporal/decode-history';
import { EncryptionCodec } from '../temporal/encryption-codec';
import { workflowCode } from '../temporal/workflow-bundle';
import { decisionTimeline, type TimelineEntry } from './decision-timeline';

export interface ReplayVerdict {
  workflowId: string;
  deterministic: boolean;
  /** Why replay failed, naming the workflow: present only when it did. */
  error?: string;
  timeline: TimelineEntry[];
}

/**
 * The current workflow code (the built bundle when there is one, the sources otherwise) with the
 * failure converter it was built with. No codec: histories reach the replayer already decoded.
 */
export function replayWorkerOptions(): ReplayWorkerOptions {
  return { ...workflowCode(), dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH } };
}

export type HistorySource = AsyncIterable<{ workflowId: string; history: History }> | Iterable<{ workflowId: string; history: History }>;

/**
 * Replays histories against the current workflow code, yielding a verdict and timeline for each.
 * Each history is decoded once, up front, with the payload keys (sealed histories need the key
 * they were written with; clear ones need none): the timeline and the replayer read the clear
 * payloads, and a history the keys cannot open gets its own verdict instead of stopping the batch.
 */
export async function* replayVerifications(
  workerOptions: ReplayWorkerOptions,
  histories: HistorySource,
  keys: PayloadKeyRing | undefined,
): AsyncGenerator<ReplayVerdict> {
  const codecs = [new EncryptionCodec(keys)];
  const timelines = new Map<string, TimelineEntry[]>();
  const undecodable: ReplayVerdict[] = [];
  async function* decoded() {
    for await (const item of histories) {
      let history: History;
      try {
        history = await decodeHistory(item.history, codecs);
      } catch (err) {
        undecodable.push({
          workflowId: item.workflowId,
          deterministic: false,
          error: `${item.workflowId} cannot be decoded: ${(err as Error).message}`,
          timeline: [],
        });
        continue;
      }
      timelines.set(item.workflowId, decisionTimeline(history));
      yield { workflowId: item.workflowId, history };
    }
  }
  for await (const result of Worker.runReplayHistories(workerOptions, decoded())) {
    yield* undecodable.splice(0);
    yield {
      workflowId: result.workflowId,
      deterministic: !result.error,
      ...(result.error && { error: `${result.workflowId} does not replay on the current workflow code: ${result.error.message}` }),
      timeline: timelines.get(result.workflowId) ?? [],
    };
    timelines.delete(result.workflowId);
  }
  yield* undecodable.splice(0);
}
