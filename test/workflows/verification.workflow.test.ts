import { WorkflowNotFoundError } from '@temporalio/client';
import { ManualConnector, type ResetConnector } from '../../activities/verification/reset-connector/reset-connector';
import { VerificationEntity, VerificationLinkEntity } from '../../core/database/entities';
import {
  approveReset,
  cancelVerification,
  finishSession,
  startSession,
  submitAnswer,
  supersede,
  verificationState,
} from '../../workflows/verification/messages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { checkAndRecordReplay, refusal } from '../support/replay-fixtures';
import {
  fullyKnownUser,
  type Harness,
  HUMAN_SIGNALS,
  outboxFor,
  questionsOf,
  rightAnswer,
  sparseUser,
  startHarness,
  startVerification,
  type StartedVerification,
  testPolicy,
  waitForStatus,
  wrongAnswer,
} from '../support/workflow-harness';

/** Every path of the verification state machine on the real dev server and PostgreSQL. */
let db: TestDatabase;
let harness: Harness;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await startHarness(db);
});
afterAll(async () => {
  await harness?.close();
  await db?.drop();
});

async function answerAll(v: StartedVerification, choose: typeof rightAnswer | null, elapsedMs = 4000) {
  for (const q of await questionsOf(db, v.id)) {
    await v.handle.executeUpdate(submitAnswer, {
      args: [{ questionId: q.id, answer: choose ? choose(q) : null, elapsedMs, pasted: false }],
    });
  }
}

async function completeChallenge(v: StartedVerification, choose: typeof rightAnswer | null, signals = HUMAN_SIGNALS) {
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [signals] });
  await answerAll(v, choose);
  return v.handle.executeUpdate(finishSession, { args: [signals] });
}

const checkReplay = (v: StartedVerification, scenario: string) => checkAndRecordReplay(harness, v, scenario);

test('passed: right answers from a human device pass, approval completes the reset and notifies the user', async () => {
  const v = await startVerification(db, harness);
  const decision = await completeChallenge(v, rightAnswer);
  expect(decision.outcome).toBe('passed');

  const approval = await v.handle.executeUpdate(approveReset, {
    args: [{ action: 'password_reset', approvedBy: 'agent@example.com', ticketRef: 'INC-1' }],
  });
  expect(approval).toMatchObject({ action: 'password_reset', approvedBy: 'agent@example.com' });
  const final = await v.handle.result();
  expect(final.status).toBe('reset_completed');

  const row = await db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: v.id });
  expect(row).toMatchObject({ status: 'reset_completed', outcome: 'passed' });
  // The default connector only records the approval.
  expect(row.connectorResult).toMatchObject({ connector: 'manual', action: 'password_reset', status: 'recorded' });
  expect(final.connector).toEqual(row.connectorResult);
  const messages = await outboxFor(db, v.id);
  expect(messages.map((m) => m.to)).toEqual([v.user.mobilePhone, v.user.email]);
  expect(messages[0].link).toMatch(/^https:\/\/resetgate\.test\/ssp\/#token=[\w-]{43}$/);
  await checkReplay(v, 'passed-reset-completed');
});

test('failed: wrong answers fail', async () => {
  const v = await startVerification(db, harness);
  const decision = await completeChallenge(v, wrongAnswer);
  expect(decision.outcome).toBe('failed');
  expect((await v.handle.result()).status).toBe('failed');
  const links = await db.dataSource.getRepository(VerificationLinkEntity).findBy({ verificationId: v.id });
  expect(links.every((l) => l.revokedAt !== null)).toBe(true);
  await checkReplay(v, 'failed');
});

test('failed: knowledge alone never passes: a perfect score from an automated browser fails on risk', async () => {
  const v = await startVerification(db, harness);
  const decision = await completeChallenge(v, rightAnswer, { ...HUMAN_SIGNALS, webdriver: true });
  expect(decision).toMatchObject({ outcome: 'failed' });
  expect(decision.reason).toMatch(/risk/);
  const state = await v.handle.result();
  expect(state.risk!.factors.map((f) => f.code)).toContain('webdriver');
});

test('timed_out from link_sent: an unused link expires', async () => {
  const v = await startVerification(db, harness, { policy: testPolicy({ linkLifetimeSeconds: 2 }) });
  const state = await v.handle.result();
  expect(state).toMatchObject({ status: 'timed_out', outcome: 'timed_out' });
  expect(state.outcomeReason).toMatch(/link expired/);
  await checkReplay(v, 'timed-out-link');
});

test('timed_out from in_progress: a session left open expires', async () => {
  const v = await startVerification(db, harness, { policy: testPolicy({ sessionLifetimeSeconds: 2 }) });
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] });
  const state = await v.handle.result();
  expect(state).toMatchObject({ status: 'timed_out' });
  expect(state.outcomeReason).toMatch(/session expired/);
  await checkReplay(v, 'timed-out-session');
});

test('not_enough_questions: the directory holds too little about the user', async () => {
  const v = await startVerification(db, harness, { user: await sparseUser(db), channel: 'sms', destination: '+447700900123' });
  await waitForStatus(v.handle, ['link_sent']);
  // The session is accepted, then refused once the challenge comes up short and the verification has ended.
  expect(await refusal(v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] }))).toBe('verification is not_enough_questions');
  const state = await v.handle.result();
  expect(state).toMatchObject({ status: 'not_enough_questions' });
  expect(state.outcomeReason).toMatch(/directory holds data for [0-2] questions/);
  await checkReplay(v, 'not-enough-questions-directory');
});

test('not_enough_questions: the user skips too many questions', async () => {
  const v = await startVerification(db, harness);
  const decision = await completeChallenge(v, null);
  expect(decision.outcome).toBe('not_enough_questions');
});

test('cancelled by an agent while the link is open', async () => {
  const v = await startVerification(db, harness);
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(cancelVerification, { args: [{ cancelledBy: 'agent@example.com' }] });
  const state = await v.handle.result();
  expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'agent' });
  const links = await db.dataSource.getRepository(VerificationLinkEntity).findBy({ verificationId: v.id });
  expect(links[0].revokedAt).not.toBeNull();
  await checkReplay(v, 'cancelled');
});

test('cancelled by supersede: a newer verification for the user ends this one', async () => {
  const v = await startVerification(db, harness);
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.signal(supersede, { supersededBy: 'verification-newer' });
  const state = await v.handle.result();
  expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'superseded' });
  await checkReplay(v, 'superseded');
});

test('approval is refused before a pass, twice, and after the window; approval_expired ends it', async () => {
  const v = await startVerification(db, harness, { policy: testPolicy({ approvalWindowSeconds: 3 }) });
  await waitForStatus(v.handle, ['link_sent']);
  const request = { action: 'password_reset' as const, approvedBy: 'agent@example.com' };
  expect(await refusal(v.handle.executeUpdate(approveReset, { args: [request] }))).toMatch(/link_sent, not passed/);

  await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] });
  await answerAll(v, rightAnswer);
  await v.handle.executeUpdate(finishSession, { args: [HUMAN_SIGNALS] });
  const state = await v.handle.result();
  expect(state.status).toBe('approval_expired');
  // After the window the workflow has ended: Temporal itself refuses the Update.
  const late = v.handle.executeUpdate(approveReset, { args: [request] });
  await expect(late).rejects.toBeInstanceOf(WorkflowNotFoundError);
  await expect(late).rejects.toThrow('workflow execution already completed');
  await checkReplay(v, 'approval-expired');
});

test('two different answers to one question sent at once: one is accepted, the other refused', async () => {
  const v = await startVerification(db, harness);
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] });
  const [q] = await questionsOf(db, v.id);
  const send = (answer: ReturnType<typeof rightAnswer> | null) =>
    v.handle.executeUpdate(submitAnswer, { args: [{ questionId: q.id, answer, elapsedMs: 4000, pasted: false }] });
  const results = await Promise.allSettled([send(rightAnswer(q)), send(wrongAnswer(q)), send(null), send(wrongAnswer(q))]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  for (const refused of results.filter((r) => r.status === 'rejected')) {
    expect(await refusal(Promise.reject((refused as PromiseRejectedResult).reason))).toBe('question already answered');
  }
  const state = await v.handle.query(verificationState);
  expect(state.answers.filter((a) => a.questionId === q.id)).toHaveLength(1);
  await v.handle.executeUpdate(cancelVerification, { args: [{ cancelledBy: 'test' }] });
});

test('approval twice: the second is refused', async () => {
  // The reset connector is held until the second approval has been answered: the workflow is still
  // open (reset_approved) then, so its validator refuses it, not Temporal for a finished workflow.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const manual = new ManualConnector();
  const connector: ResetConnector = {
    name: manual.name,
    async run(request) {
      await held;
      return manual.run(request);
    },
  };
  const holding = await startHarness(db, { connector });
  try {
    const v = await startVerification(db, holding);
    await completeChallenge(v, rightAnswer);
    const request = { action: 'account_unlock' as const, approvedBy: 'agent@example.com' };
    await v.handle.executeUpdate(approveReset, { args: [request] });
    expect(await refusal(v.handle.executeUpdate(approveReset, { args: [request] }))).toBe('reset already approved');
    release();
    expect((await v.handle.result()).approval?.action).toBe('account_unlock');
  } finally {
    release();
    await holding.close();
  }
});

test('two-person approval: a privileged user needs two different approvers, the same one twice is refused', async () => {
  const v = await startVerification(db, harness, { requiredApprovals: 2 });
  await completeChallenge(v, rightAnswer);
  const first = { action: 'password_reset' as const, approvedBy: 'user:agent@example.com' };
  await v.handle.executeUpdate(approveReset, { args: [first] });
  const waiting = await v.handle.query(verificationState);
  expect(waiting.status).toBe('passed');
  expect(waiting.approvals?.map((a) => a.approvedBy)).toEqual(['user:agent@example.com']);
  const row = await db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: v.id });
  expect(row.approvals?.map((a) => a.approvedBy)).toEqual(['user:agent@example.com']);

  expect(await refusal(v.handle.executeUpdate(approveReset, { args: [first] }))).toMatch(/second, different approver/);
  const second = await v.handle.executeUpdate(approveReset, { args: [{ ...first, approvedBy: 'user:agent2@example.com' }] });
  expect(second.approvedBy).toBe('user:agent2@example.com');
  const final = await v.handle.result();
  expect(final.status).toBe('reset_completed');
  expect(final.approvals?.map((a) => a.approvedBy)).toEqual(['user:agent@example.com', 'user:agent2@example.com']);
  await checkReplay(v, 'two-person-approval');
});

test('search attributes let list queries filter by status and target user', async () => {
  const v = await startVerification(db, harness, { user: await fullyKnownUser(db, 3) });
  await waitForStatus(v.handle, ['link_sent']);
  const deadline = Date.now() + 15_000;
  let ids: string[] = [];
  while (Date.now() < deadline) {
    ids = [];
    for await (const w of harness.client.workflow.list({
      query: `ResetGateTargetUser = '${v.user.id}' AND ResetGateStatus = 'link_sent'`,
    }))
      ids.push(w.workflowId);
    if (ids.includes(v.handle.workflowId)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(ids).toContain(v.handle.workflowId);
  await v.handle.executeUpdate(cancelVerification, { args: [{ cancelledBy: 'test' }] });
});
