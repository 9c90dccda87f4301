import { TwilioLookup } from '../../activities/delivery/destination-lookup';
import { DirectoryUserEntity, RecoveryPasskeyEntity, VerificationEntity, VouchRequestEntity } from '../../core/database/entities';
import { PRIVILEGED_ASSURANCE, STANDARD_ASSURANCE } from '../../workflows/verification/assurance';
import {
  approveReset,
  completeStepUp,
  finishSession,
  recordProof,
  requestVouch,
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
  insertVerification,
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

const FROM = { from: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone)' } };

/** A user the directory gives no manager: nobody can vouch for them. Far down the list, so the others keep their places. */
async function userWithoutManager(skip: number): Promise<DirectoryUserEntity> {
  const user = await fullyKnownUser(db, 40 + skip);
  await db.dataSource.getRepository(DirectoryUserEntity).update({ id: user.id }, { managerId: null });
  return { ...user, managerId: null };
}

/** A recovery passkey on file for the user, enrolled after an earlier verification. */
async function withPasskey(user: DirectoryUserEntity): Promise<DirectoryUserEntity> {
  const earlier = await insertVerification(db, user, { channel: 'sms', policy: testPolicy() });
  await db.dataSource.getRepository(RecoveryPasskeyEntity).insert({
    userId: user.id,
    credentialId: `cred-${user.id}`,
    publicKey: Buffer.from('not a real key'),
    counter: 0,
    transports: [],
    enrolledAfterVerificationId: earlier,
  });
  return user;
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
  const v = await startVerification(db, harness, { user: await userWithoutManager(0), policy: standard() });
  await openSession(v);
  expect((await answerRightAndFinish(v)).outcome).toBe('needs_referee');
  const state = await v.handle.result();
  expect(state.status).toBe('needs_referee');
  expect(state.outcomeReason).toMatch(/in person or on video/);
  expect(state.receipt).toMatchObject({ outcome: 'needs_referee', recoveryClass: null, decidedBy: [] });
  await checkReplay(v, 'proofs-needs-referee');
});

test('failed: a strong proof that did not hold (a passkey that does not verify); knowledge alone never passes', async () => {
  const v = await startVerification(db, harness, { user: await withPasskey(await fullyKnownUser(db, 8)), policy: standard() });
  await openSession(v);
  const wrongKey = { kind: 'recovery_passkey' as const, status: 'failed' as const, detail: 'the passkey assertion did not verify' };
  await v.handle.executeUpdate(recordProof, { args: [wrongKey] });
  const finished = await answerRightAndFinish(v);
  expect(finished).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/standard policy needs 1 more of/) });
  const { receipt } = await v.handle.result();
  expect(receipt!.reasons).toContain('the recovery passkey: the passkey assertion did not verify');
  await checkReplay(v, 'proofs-failed-passkey');
});

test('failed: someone else signed in at the IdP is evidence against, whatever the answers', async () => {
  const v = await startVerification(db, harness, { policy: standard() });
  await openSession(v);
  await v.handle.executeUpdate(completeStepUp, { args: [{ matched: false, issuer: 'https://idp.example.com' }] });
  expect(await answerRightAndFinish(v)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/someone other than the user/) });
});

test('a password sign-in is not a phishing-resistant proof: the user has none, so a referee decides', async () => {
  const v = await startVerification(db, harness, { user: await userWithoutManager(1), policy: standard() });
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
  const v = await startVerification(db, harness, { user: await withPasskey(await fullyKnownUser(db, 4)), policy: standard() });
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

test('recordProof: refused for a proof the user cannot give (no passkey enrolled), and for a vouch nobody was asked for', async () => {
  const v = await startVerification(db, harness, { user: await fullyKnownUser(db, 9), policy: standard() });
  await openSession(v);
  const passkey = { kind: 'recovery_passkey' as const, status: 'met' as const, detail: 'asserted' };
  expect(await refusal(v.handle.executeUpdate(recordProof, { args: [passkey] }))).toBe(
    'recovery_passkey is unavailable for this verification: no recovery passkey is enrolled',
  );
  const vouch = { kind: 'vouch' as const, status: 'met' as const, detail: 'the manager confirmed' };
  expect(await refusal(v.handle.executeUpdate(recordProof, { args: [vouch] }))).toBe('no vouch request is waiting for an answer');
  expect((await row(v)).proofs!.map((p) => p.kind)).not.toContain('vouch');
});

test('privileged: two different strong proofs are needed', async () => {
  const policy = testPolicy({ assurance: PRIVILEGED_ASSURANCE, idpStepUp: true });
  const one = await startVerification(db, harness, { user: await fullyKnownUser(db, 6), policy, requiredApprovals: 2 });
  await openSession(one);
  await one.handle.executeUpdate(completeStepUp, { args: [SECURITY_KEY] });
  // The manager could still have vouched: one strong proof short is a failure, not a referee.
  expect(await answerRightAndFinish(one)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/1 more of/) });

  const two = await startVerification(db, harness, { user: await fullyKnownUser(db, 7), policy, requiredApprovals: 2 });
  await openSession(two);
  await two.handle.executeUpdate(completeStepUp, { args: [SECURITY_KEY] });
  await two.handle.executeUpdate(requestVouch, { args: [FROM] });
  await two.handle.executeUpdate(recordProof, { args: [{ kind: 'vouch', status: 'met', detail: 'the manager confirmed on video' }] });
  expect(await answerRightAndFinish(two)).toMatchObject({ outcome: 'passed' });
  expect((await row(two)).receipt).toMatchObject({
    assurance: 'privileged',
    decidedBy: ['destination_of_record', 'idp_phishing_resistant', 'vouch'],
    recoveryClass: 'recovery_code_and_authenticator',
  });
});

describe('vouch: the manager on file vouches for the user', () => {
  test('asked once: the request goes to the manager’s work address, never the caller’s; their confirmation passes', async () => {
    const user = await fullyKnownUser(db, 11);
    const manager = await db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.managerId! });
    const v = await startVerification(db, harness, { user, policy: standard() });
    await openSession(v);

    const asked = await v.handle.executeUpdate(requestVouch, { args: [FROM] });
    expect(asked).toMatchObject({ kind: 'vouch', status: 'pending', detail: expect.stringContaining(manager.displayName) });
    expect(await refusal(v.handle.executeUpdate(requestVouch, { args: [FROM] }))).toBe('a vouch was already requested (pending)');
    const email = (await outboxFor(db, v.id)).filter((m) => m.to === manager.email);
    expect(email).toHaveLength(1);
    expect(email[0].body).toMatch(/\/ssp\/vouch#token=[\w-]{43}/);
    const request = await db.dataSource.getRepository(VouchRequestEntity).findOneByOrFail({ verificationId: v.id });
    expect(request).toMatchObject({ voucherUserId: manager.id, status: 'sent', requesterIp: '203.0.113.7' });
    expect(request.tokenHash.toString('hex')).not.toContain(email[0].body.match(/token=([\w-]+)/)![1]);

    await v.handle.executeUpdate(recordProof, { args: [{ kind: 'vouch', status: 'met', detail: 'the manager confirmed in person' }] });
    expect((await answerRightAndFinish(v)).outcome).toBe('passed');
    expect((await row(v)).receipt).toMatchObject({
      decidedBy: ['destination_of_record', 'vouch'],
      recoveryClass: 'two_recovery_codes',
    });
    await checkReplay(v, 'proofs-vouch-confirmed');
  });

  test('a refusal is evidence against: failed, whatever the answers', async () => {
    const v = await startVerification(db, harness, { user: await fullyKnownUser(db, 12), policy: standard() });
    await openSession(v);
    await v.handle.executeUpdate(requestVouch, { args: [FROM] });
    await v.handle.executeUpdate(recordProof, {
      args: [{ kind: 'vouch', status: 'against', detail: 'the manager refused: they did not speak to the caller' }],
    });
    expect(await answerRightAndFinish(v)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/manager refused/) });
    await checkReplay(v, 'proofs-vouch-refused');
  });

  test('no answer before the session ends: the manager may be on leave, so a referee decides, not a failure', async () => {
    const v = await startVerification(db, harness, { user: await fullyKnownUser(db, 13), policy: standard() });
    await openSession(v);
    await v.handle.executeUpdate(requestVouch, { args: [FROM] });
    expect((await answerRightAndFinish(v)).outcome).toBe('needs_referee');
    expect((await row(v)).proofs!.filter((p) => p.kind === 'vouch').map((p) => p.status)).toEqual(['pending', 'unavailable']);
    expect((await row(v)).proofs!.at(-1)!.detail).toMatch(/^no answer before the session ended: asked .* \(manager\) to vouch$/);
    await checkReplay(v, 'proofs-vouch-unanswered');
  });

  test('nobody on file: the vouch is unavailable from the start, and asking is refused with the reason', async () => {
    const v = await startVerification(db, harness, { user: await userWithoutManager(2), policy: standard() });
    await openSession(v);
    expect(await refusal(v.handle.executeUpdate(requestVouch, { args: [FROM] }))).toBe(
      'nobody on file can vouch: the directory holds no active manager',
    );
  });
});
