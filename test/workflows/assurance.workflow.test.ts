import { TwilioLookup } from '../../activities/delivery/destination-lookup';
import { VerificationEntity } from '../../core/database/entities';
import { PRIVILEGED_ASSURANCE, STANDARD_ASSURANCE } from '../../workflows/verification/assurance';
import {
  approveReset,
  completeStepUp,
  finishSession,
  recordProof,
  startSession,
  submitAnswer,
  type StepUpInput,
} from '../../workflows/verification/messages';
import type { VerificationPolicy } from '../../workflows/verification/model';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { checkAndRecordReplay, refusal } from '../support/replay-fixtures';
import {
  fullyKnownUser,
  type Harness,
  HUMAN_SIGNALS,
  outboxFor,
  questionsOf,
  rightAnswer,
  startHarness,
  startVerification,
  type StartedVerification,
  testPolicy,
  waitForStatus,
} from '../support/workflow-harness';

/**
 * Verifications decided by proofs (docs/assurance.md): what the caller holds and who vouches for
 * them pass; the questions and the risk can only fail. On the real dev server, with Twilio Lookup
 * against a local peer speaking its REST API.
 */
let db: TestDatabase;
let harness: Harness;
let twilio: FakeTwilio;

beforeAll(async () => {
  db = await createTestDatabase();
  twilio = await startFakeTwilio();
  const lookup = new TwilioLookup({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+15005550006',
    apiBaseUrl: twilio.url,
    lookup: true,
  });
  harness = await startHarness(db, { destinationLookup: lookup });
});
afterAll(async () => {
  await harness?.close();
  await twilio?.close();
  await db?.drop();
});

const standard = (overrides: Partial<VerificationPolicy> = {}) =>
  testPolicy({ assurance: STANDARD_ASSURANCE, idpStepUp: true, ...overrides });
const checkReplay = (v: StartedVerification, scenario: string) => checkAndRecordReplay(harness, v, scenario);

const SECURITY_KEY: StepUpInput = {
  matched: true,
  issuer: 'https://idp.example.com',
  method: { amr: ['hwk'], acr: null, authTime: new Date().toISOString(), phishingResistant: true },
};

async function openSession(v: StartedVerification) {
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] });
}

async function answerRightAndFinish(v: StartedVerification) {
  for (const q of await questionsOf(db, v.id)) {
    await v.handle.executeUpdate(submitAnswer, { args: [{ questionId: q.id, answer: rightAnswer(q), elapsedMs: 4000, pasted: false }] });
  }
  return v.handle.executeUpdate(finishSession, { args: [HUMAN_SIGNALS] });
}

const row = (v: StartedVerification) => db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: v.id });

test('passed: the link to the number on record and a phishing-resistant sign-in; the receipt names the recovery class', async () => {
  const v = await startVerification(db, harness, { policy: standard() });
  await openSession(v);
  await v.handle.executeUpdate(completeStepUp, { args: [SECURITY_KEY] });
  expect((await answerRightAndFinish(v)).outcome).toBe('passed');

  const verification = await row(v);
  expect(verification.proofs!.map((p) => [p.kind, p.status])).toEqual([
    ['recovery_passkey', 'unavailable'],
    ['vouch', 'unavailable'],
    ['identity_document', 'unavailable'],
    ['destination_of_record', 'met'],
    ['idp_phishing_resistant', 'met'],
  ]);
  expect(verification.proofs!.find((p) => p.kind === 'destination_of_record')!.evidence).toMatchObject({
    lookup: 'twilio',
    simSwappedInPeriod: false,
  });
  expect(verification.receipt).toMatchObject({
    outcome: 'passed',
    assurance: 'standard',
    recoveryClass: 'recovery_code_and_authenticator',
    decidedBy: ['destination_of_record', 'idp_phishing_resistant'],
    signals: { challengeScore: 1, riskScore: expect.any(Number) },
  });

  await v.handle.executeUpdate(approveReset, { args: [{ action: 'password_reset', approvedBy: 'agent@example.com' }] });
  expect((await v.handle.result()).status).toBe('reset_completed');
  await checkReplay(v, 'proofs-passed');
});

test('needs_referee: right answers, but the user has no strong proof to give (no sign-in at the IdP either)', async () => {
  const v = await startVerification(db, harness, { policy: standard() });
  await openSession(v);
  expect((await answerRightAndFinish(v)).outcome).toBe('needs_referee');
  const state = await v.handle.result();
  expect(state.status).toBe('needs_referee');
  expect(state.outcomeReason).toMatch(/in person or on video/);
  expect(state.receipt).toMatchObject({ outcome: 'needs_referee', recoveryClass: null, decidedBy: [] });
  await checkReplay(v, 'proofs-needs-referee');
});

test('failed: a strong proof that did not hold (a passkey that does not verify); knowledge alone never passes', async () => {
  const v = await startVerification(db, harness, { policy: standard() });
  await openSession(v);
  const wrongKey = { kind: 'recovery_passkey' as const, status: 'failed' as const, detail: 'the passkey assertion did not verify' };
  await v.handle.executeUpdate(recordProof, { args: [wrongKey] });
  const finished = await answerRightAndFinish(v);
  expect(finished).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/standard policy needs 1 more of/) });
  const { receipt } = await v.handle.result();
  expect(receipt!.reasons).toContain('the user’s recovery passkey: the passkey assertion did not verify');
  await checkReplay(v, 'proofs-failed-passkey');
});

test('failed: someone else signed in at the IdP is evidence against, whatever the answers', async () => {
  const v = await startVerification(db, harness, { policy: standard() });
  await openSession(v);
  await v.handle.executeUpdate(completeStepUp, { args: [{ matched: false, issuer: 'https://idp.example.com' }] });
  expect(await answerRightAndFinish(v)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/someone other than the user/) });
});

test('a password sign-in is not a phishing-resistant proof: the user has none, so a referee decides', async () => {
  const v = await startVerification(db, harness, { policy: standard() });
  await openSession(v);
  const password = { ...SECURITY_KEY, method: { ...SECURITY_KEY.method!, amr: ['pwd'], phishingResistant: false } };
  await v.handle.executeUpdate(completeStepUp, { args: [password] });
  expect((await answerRightAndFinish(v)).outcome).toBe('needs_referee');
  expect((await row(v)).proofs!.find((p) => p.kind === 'idp_phishing_resistant')).toMatchObject({
    status: 'unavailable',
    evidence: { amr: 'pwd' },
  });
});

test('a number the caller dictates proves nothing: a strong proof on top goes to a referee, not a pass', async () => {
  const v = await startVerification(db, harness, { policy: standard(), destination: '+447700900999' });
  await openSession(v);
  await v.handle.executeUpdate(completeStepUp, { args: [SECURITY_KEY] });
  expect((await answerRightAndFinish(v)).outcome).toBe('needs_referee');
  expect((await row(v)).proofs!.find((p) => p.kind === 'destination_of_record')).toMatchObject({
    status: 'unavailable',
    detail: expect.stringMatching(/which the caller gave; the number on record is/),
  });
});

test('a SIM swapped in the last 48 hours: failed at once, and no link goes to whoever holds the number now', async () => {
  const user = await fullyKnownUser(db, 3);
  twilio.lookups.set(user.mobilePhone!, { swapped: true });
  const v = await startVerification(db, harness, { user, policy: standard() });
  const state = await v.handle.result();
  expect(state).toMatchObject({
    status: 'failed',
    outcomeReason: expect.stringMatching(/^no link sent: .*SIM was changed within the last 48 hours/),
  });
  expect(state.receipt!.proofs.find((p) => p.kind === 'destination_of_record')).toMatchObject({ status: 'against' });
  expect(await outboxFor(db, v.id)).toEqual([]);
  await checkReplay(v, 'proofs-sim-swapped');
});

test('recordProof: a proof the API checked is recorded once; refused when already met, or under the question rule', async () => {
  const v = await startVerification(db, harness, { user: await fullyKnownUser(db, 4), policy: standard() });
  await openSession(v);
  const passkey = {
    kind: 'recovery_passkey' as const,
    status: 'met' as const,
    detail: 'asserted the recovery passkey',
    evidence: { userVerified: true },
  };
  expect(await v.handle.executeUpdate(recordProof, { args: [passkey] })).toMatchObject({ kind: 'recovery_passkey', status: 'met' });
  expect(await refusal(v.handle.executeUpdate(recordProof, { args: [passkey] }))).toBe('recovery_passkey is already met');
  expect((await answerRightAndFinish(v)).outcome).toBe('passed');
  expect((await row(v)).receipt).toMatchObject({ decidedBy: ['destination_of_record', 'recovery_passkey'] });

  const legacy = await startVerification(db, harness, { user: await fullyKnownUser(db, 5) });
  await openSession(legacy);
  expect(await refusal(legacy.handle.executeUpdate(recordProof, { args: [passkey] }))).toBe('this verification is not decided by proofs');
});

test('privileged: two different strong proofs are needed', async () => {
  const policy = testPolicy({ assurance: PRIVILEGED_ASSURANCE, idpStepUp: true });
  const one = await startVerification(db, harness, { user: await fullyKnownUser(db, 6), policy, requiredApprovals: 2 });
  await openSession(one);
  await one.handle.executeUpdate(completeStepUp, { args: [SECURITY_KEY] });
  expect(await answerRightAndFinish(one)).toMatchObject({ outcome: 'needs_referee', reason: expect.stringMatching(/1 more of/) });

  const two = await startVerification(db, harness, { user: await fullyKnownUser(db, 7), policy, requiredApprovals: 2 });
  await openSession(two);
  await two.handle.executeUpdate(completeStepUp, { args: [SECURITY_KEY] });
  await two.handle.executeUpdate(recordProof, {
    args: [{ kind: 'identity_document', status: 'met', detail: 'document verified, name matches' }],
  });
  expect(await answerRightAndFinish(two)).toMatchObject({ outcome: 'passed' });
  expect((await row(two)).receipt).toMatchObject({ assurance: 'privileged', recoveryClass: 'repeated_identity_proofing' });
});
