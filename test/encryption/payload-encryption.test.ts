import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { visit, walkGetWorkflowExecutionHistoryResponse } from '@temporalio/common/lib/internal-non-workflow';
import { parsePayloadKeys } from '../../core/config/payload-keys';
import { replayVerifications } from '../../core/replay/replay-verification';
import { FAILURE_CONVERTER_PATH } from '../../core/temporal/data-converter';
import { decodeHistory, type History } from '../../core/temporal/decode-history';
import { EncryptionCodec } from '../../core/temporal/encryption-codec';
import { approveReset, cancelVerification, finishSession, startSession, submitAnswer } from '../../workflows/verification/messages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_PAYLOAD_KEYS } from '../support/test-keys';
import {
  type Harness,
  HUMAN_SIGNALS,
  questionsOf,
  rightAnswer,
  startHarness,
  startVerification,
  waitForStatus,
} from '../support/workflow-harness';

/**
 * What Temporal stores is ciphertext: read back with a client that has no codec, every payload of
 * a whole verification (input, activity inputs and results, Update arguments, failures) is sealed
 * and names its key, and nothing the user typed or their browser sent is readable. Keys rotate:
 * a history sealed with an old key still runs, decodes and replays once a new key is current.
 */
let db: TestDatabase;
let harness: Harness;
let raw: Client;
let rawConnection: Connection;

const key = () => randomBytes(32).toString('base64');
const OLD_KEYS = `old-1:${key()}`;
const ROTATED_KEYS = `new-2:${key()},${OLD_KEYS}`;
const workflowBundle = () => ({ codePath: process.env.RESETGATE_WORKFLOW_BUNDLE! });

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await startHarness(db);
  rawConnection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  raw = new Client({ connection: rawConnection }); // no codec: what anyone with access to Temporal sees
});
afterAll(async () => {
  await harness?.close();
  await rawConnection?.close();
  await db?.drop();
});

/**
 * Every payload as stored, but for search attributes and patch markers: no codec touches them
 * (the SDK core writes the marker, holding only the patch's name, e.g. "weighted-challenge-score").
 */
async function payloadsOf(history: History): Promise<Payload[]> {
  const seen: Payload[] = [];
  const events = history.events!.filter((e) => e.markerRecordedEventAttributes?.markerName !== 'core_patch');
  await visit({ history: { events } }, walkGetWorkflowExecutionHistoryResponse, {
    transformPayload: async (p) => (seen.push(p), p),
    transformPayloads: async (ps) => (seen.push(...ps), ps),
    skipSearchAttributes: true,
  });
  return seen;
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const allText = (payloads: Payload[]) => payloads.map((p) => text(p.data)).join('\n');

test('a whole verification leaves only ciphertext in Temporal, each payload naming its key', async () => {
  const userAgent = `Mozilla/5.0 EncryptionProbe/${randomUUID()}`;
  const signals = { ...HUMAN_SIGNALS, userAgent, ip: '198.51.100.77' };
  const v = await startVerification(db, harness);
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [signals] });
  const questions = await questionsOf(db, v.id);
  // An answer to a question that does not exist: its activity fails, and the failure is in history.
  const unknown = v.handle.executeUpdate(submitAnswer, {
    args: [{ questionId: randomUUID(), answer: { text: 'x' }, elapsedMs: 1, pasted: false }],
  });
  await expect(unknown).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(unknown).rejects.toMatchObject({
    cause: { activityType: 'gradeAnswer', cause: { message: 'unknown question', type: 'UnknownQuestion', nonRetryable: true } },
  });
  const answers = questions.map((q) => rightAnswer(q));
  for (const [i, q] of questions.entries()) {
    await v.handle.executeUpdate(submitAnswer, { args: [{ questionId: q.id, answer: answers[i], elapsedMs: 4000, pasted: false }] });
  }
  expect((await v.handle.executeUpdate(finishSession, { args: [signals] })).outcome).toBe('passed');
  await v.handle.executeUpdate(approveReset, { args: [{ action: 'password_reset', approvedBy: 'agent@example.com', ticketRef: 'INC-9' }] });
  await v.handle.result();

  const stored = await raw.workflow.getHandle(v.handle.workflowId).fetchHistory();
  const sealed = await payloadsOf(stored);
  expect(sealed.length).toBeGreaterThan(30);
  for (const p of sealed) {
    expect({ encoding: text(p.metadata?.encoding), key: text(p.metadata?.['encryption-key-id']) }).toEqual({
      encoding: 'binary/encrypted',
      key: 'test-1',
    });
  }
  const failed = stored.events!.find((e) => e.activityTaskFailedEventAttributes)!.activityTaskFailedEventAttributes!.failure!;
  expect(failed.message).toBe('Encoded failure');
  expect(text(failed.encodedAttributes?.metadata?.encoding)).toBe('binary/encrypted');

  // What must not be readable, and is once decoded: so the check above looks at the right bytes.
  const secrets = [
    userAgent,
    '198.51.100.77',
    v.user.id,
    'agent@example.com',
    'unknown question',
    ...answers.map((a) => JSON.stringify(a)),
  ];
  const storedText = allText(sealed) + failed.message;
  for (const secret of secrets) expect(storedText).not.toContain(secret);
  const clear = await decodeHistory(stored, [new EncryptionCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS))]);
  const clearText = allText(await payloadsOf(clear));
  for (const secret of secrets) expect(clearText).toContain(secret);

  // Visibility stays readable, and holds ids and statuses only (besides the SDK's TemporalChangeVersion: patch names).
  const fields = stored.events!.flatMap((e) =>
    Object.entries(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}),
  );
  expect(new Set(fields.map(([name]) => name.replace(/^ResetGate.*/, 'ours')))).toEqual(new Set(['ours', 'TemporalChangeVersion']));
  const attributes = fields.filter(([name]) => name.startsWith('ResetGate')).map(([, p]) => JSON.parse(text(p.data)));
  expect(new Set(attributes)).toEqual(
    new Set([v.user.id, 'test-agent', 'link_sent', 'in_progress', 'passed', 'reset_approved', 'reset_completed']),
  );
});

test('rotation: a verification started under the old key finishes under the new one, and its history decodes and replays', async () => {
  const before = await startHarness(db, { payloadKeys: OLD_KEYS });
  const v = await startVerification(db, before);
  await waitForStatus(v.handle, ['link_sent']);
  await before.stopWorker();
  // The new key is current; the old one stays for decryption. The worker takes over the open verification.
  const after = await startHarness(db, { payloadKeys: ROTATED_KEYS, taskQueue: before.taskQueue });
  try {
    await after.client.workflow
      .getHandle(v.handle.workflowId)
      .executeUpdate(cancelVerification, { args: [{ cancelledBy: 'agent@example.com' }] });
    expect((await after.client.workflow.getHandle(v.handle.workflowId).result()).status).toBe('cancelled');
  } finally {
    await before.close();
    await after.close();
  }

  const stored = await raw.workflow.getHandle(v.handle.workflowId).fetchHistory();
  const keyIds = new Set((await payloadsOf(stored)).map((p) => text(p.metadata?.['encryption-key-id'])));
  expect(keyIds).toEqual(new Set(['old-1', 'new-2']));

  const replay = async (keys: string) => {
    const options = { workflowBundle: workflowBundle(), dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH } };
    for await (const verdict of replayVerifications(
      options,
      [{ workflowId: v.handle.workflowId, history: stored }],
      parsePayloadKeys(keys),
    ))
      return verdict;
    throw new Error('no verdict');
  };
  const rotated = await replay(ROTATED_KEYS);
  expect(rotated.error).toBeUndefined();
  expect(rotated.deterministic).toBe(true);
  expect(rotated.timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['started', 'link sent', 'cancel requested', 'outcome']));
  expect(rotated.timeline.find((t) => t.event === 'started')!.detail).toMatch(/by test-agent, password_reset by sms/);

  const withoutOld = await replay(ROTATED_KEYS.split(',')[0]);
  expect(withoutOld.deterministic).toBe(false);
  expect(withoutOld.error).toMatch(new RegExp(`^${v.handle.workflowId} cannot be decoded: .*key "old-1"`));
});
