import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { decodeHistory } from '../../core/temporal/decode-history';
import type { Harness, StartedVerification } from './workflow-harness';

/**
 * Fixtures of released versions stay; a change that needs `patched()` starts a new folder
 * (docs/changing-the-workflow.md). With RESETGATE_RECORD_HISTORIES=1 the workflow suites write
 * each scenario's history there.
 */
export const CURRENT_WORKFLOW_VERSION = 'v6';

/**
 * Checks the fresh (encrypted) history replays on the current code with the keys, and keeps it as
 * a fixture when asked: decrypted, so fixtures replay without any key.
 */
export async function checkAndRecordReplay(harness: Harness, v: StartedVerification, scenario: string): Promise<void> {
  const history = await v.handle.fetchHistory();
  const { dataConverter } = harness;
  await Worker.runReplayHistory(
    { workflowBundle: { codePath: process.env.RESETGATE_WORKFLOW_BUNDLE! }, dataConverter },
    history,
    v.handle.workflowId,
  );
  if (process.env.RESETGATE_RECORD_HISTORIES === '1') {
    const clear = await decodeHistory(history, dataConverter.payloadCodecs ?? []);
    writeFileSync(join(__dirname, '..', 'replay', 'fixtures', CURRENT_WORKFLOW_VERSION, `${scenario}.json`), historyToJSON(clear));
  }
}

/** The reason the workflow's validator gave for refusing an Update (fails the test if it was accepted). */
export function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return String((err as WorkflowUpdateFailedError).cause?.message);
    },
  );
}
