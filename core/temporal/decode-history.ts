import type { PayloadCodec } from '@temporalio/common';
import { decode, visit, walkGetWorkflowExecutionHistoryResponse } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';

export type History = temporal.api.history.v1.IHistory;

/**
 * A copy of the history with every payload run back through the codecs (search attributes are
 * never encoded). The SDK's own generated walker finds the payloads, so none is missed: workflow
 * input, activity inputs and results, Update arguments, signals, failures.
 */
export async function decodeHistory(history: History, codecs: PayloadCodec[]): Promise<History> {
  const copy = temporal.api.history.v1.History.decode(temporal.api.history.v1.History.encode(history).finish());
  await visit({ history: copy }, walkGetWorkflowExecutionHistoryResponse, {
    transformPayload: async (payload) => (await decode(codecs, [payload]))[0],
    transformPayloads: (payloads) => decode(codecs, payloads),
    skipSearchAttributes: true,
  });
  return copy;
}
