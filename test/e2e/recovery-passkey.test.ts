import {
  AuditEventEntity,
  DevOutboxMessageEntity,
  DirectoryUserEntity,
  RecoveryPasskeyEntity,
  VerificationEntity,
} from '../../core/database/entities';
import { type DirectoryUser, finishSession, openSession, standardUsers } from '../support/passkey-client';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { waitForVerification } from '../support/ssp-client';
import { vouchFor } from '../support/vouch-client';
import { type ApiResponse, call, type Stack, startStack } from '../support/stack';
import { wrongAnswer } from '../support/workflow-harness';

/**
 * Recovery passkeys over HTTP against the real processes (docs/assurance.md): enrolled with the
 * grant a pass by proofs gives (the link to the number on record and the manager's vouch), then
 * asserted as a proof in a later verification. Every bad answer is a 4xx problem that stores
 * nothing, moves no counter and records no proof.
 */
let stack: Stack;
let alice: DirectoryUser;
let bob: DirectoryUser;
let carol: DirectoryUser;
const alicesKey = new SoftAuthenticator();
const bobsKey = new SoftAuthenticator();

beforeAll(async () => {
  // localhost, not 127.0.0.1: WebAuthn takes a host name as the relying party, never an IP address.
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' }, { host: 'localhost' });
  [alice, bob, carol] = await standardUsers(stack, 3);
});
afterAll(async () => {
  await stack?.stop();
});

const REGISTRATION = '/api/v1/ssp/passkeys/registration';
const AUTHENTICATION = '/api/v1/ssp/passkeys/authentication';
const post = (path: string, cookie: string | null, body: unknown = {}) =>
  call(stack, 'POST', path, { key: null, cookie: cookie ?? undefined, body });
const malformed = (path: string, cookie: string) => call(stack, 'POST', path, { key: null, cookie, rawBody: '{"id":' });

function expectProblem(res: ApiResponse, status: number, slug: string) {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `https://resetgate.dev/problems/${slug}` });
  expect(res.contentType).toContain('application/problem+json');
}

/** The passkey notices the worker put in the dev outbox for a verification, once there are `count`. */
async function waitForNotices(verificationId: string, count: number): Promise<DevOutboxMessageEntity[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const notices = await stack.db.dataSource
      .getRepository(DevOutboxMessageEntity)
      .findBy({ verificationId, subject: 'A recovery passkey was added to your account' });
    if (notices.length >= count || Date.now() > deadline) return notices;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const passkeysOf = (user: DirectoryUser) => stack.db.dataSource.getRepository(RecoveryPasskeyEntity).findBy({ userId: user.id });
const audited = (verificationId: string, action: string) =>
  stack.db.dataSource.getRepository(AuditEventEntity).find({ where: { targetId: verificationId, action }, order: { id: 'ASC' } });
const expireChallenges = (verificationId: string) =>
  stack.db.dataSource.query(
    `UPDATE passkey_challenges SET expires_at = now() - interval '1 second'
      WHERE ssp_session_id IN (SELECT id FROM ssp_sessions WHERE verification_id = $1)`,
    [verificationId],
  );

describe('enrolment, right after a pass', () => {
  test('a pass offers it; the passkey is enrolled for that verification’s user, once, and audited', async () => {
    const session = await openSession(stack, alice);
    await vouchFor(stack, session);
    const { finished, grantCookie } = await finishSession(stack, session);
    expect(finished.body.outcome).toBe('passed');
    const expiresIn = Date.parse(finished.body.passkeyEnrolment.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
    const setCookie = finished.headers.getSetCookie().find((c) => c.startsWith('rg_passkey_enrolment='))!;
    expect(setCookie).toMatch(/Path=\/api\/v1\/ssp\/passkeys\/registration; .*HttpOnly; SameSite=Strict/);

    const options = await post(`${REGISTRATION}/options`, grantCookie);
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rp: { id: 'localhost', name: 'ResetGate' },
      user: { name: alice.email },
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      excludeCredentials: [],
      attestation: 'none',
    });
    const enrolled = await post(`${REGISTRATION}/verify`, grantCookie, alicesKey.register(options.body, { origin: stack.baseUrl }));
    expect(enrolled).toMatchObject({ status: 200, body: { credentialIdPrefix: alicesKey.id.slice(0, 8) } });

    expect(await passkeysOf(alice)).toEqual([
      expect.objectContaining({
        credentialId: alicesKey.id,
        counter: 0,
        transports: ['internal'],
        enrolledAfterVerificationId: session.id,
      }),
    ]);
    const [audit] = await audited(session.id, 'passkey.enrolled');
    expect(audit).toMatchObject({ actor: 'ssp-user', details: { credentialId: alicesKey.id.slice(0, 8), userVerified: true } });

    // Every address on file hears of it, once: the work and personal addresses and the mobile.
    const user = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: alice.id });
    const notices = await waitForNotices(session.id, 3);
    expect(notices.map((n) => n.to).sort()).toEqual([user.email, user.personalEmail, user.mobilePhone].sort());
    expect(notices.every((n) => /recovery passkey was added .* If this wasn't you, contact your security team now/.test(n.body))).toBe(
      true,
    );
    const [{ count }] = await stack.db.dataSource.query(
      `SELECT count(*)::int AS count FROM deliveries WHERE verification_id = $1 AND purpose = 'passkey_notice'`,
      [session.id],
    );
    expect(count).toBe(3);

    // The grant is spent: nothing more can be enrolled with it.
    expectProblem(await post(`${REGISTRATION}/options`, grantCookie), 401, 'passkey-enrolment-invalid');
    const another = new SoftAuthenticator().register(options.body, { origin: stack.baseUrl });
    expectProblem(await post(`${REGISTRATION}/verify`, grantCookie, another), 401, 'passkey-enrolment-invalid');
    expect(await passkeysOf(alice)).toHaveLength(1);
  });

  test('no grant without a pass: a failed session, an open session’s cookie or a forged grant cannot enrol', async () => {
    const open = await openSession(stack, carol);
    expectProblem(await post(`${REGISTRATION}/options`, open.cookie), 401, 'passkey-enrolment-invalid');
    expectProblem(await post(`${REGISTRATION}/verify`, 'rg_passkey_enrolment=forged'), 401, 'passkey-enrolment-invalid');
    const { finished, grantCookie } = await finishSession(stack, open, wrongAnswer);
    expect(finished.body).toEqual({ outcome: 'failed', passkeyEnrolment: null });
    expect(grantCookie).toBeNull();
    expect(await passkeysOf(carol)).toEqual([]);
  });

  test('bad answers (no prompt, wrong origin, reused, replayed or expired challenge, no user verification, malformed) → 4xx, nothing stored, the grant kept', async () => {
    const session = await openSession(stack, bob);
    await vouchFor(stack, session);
    const { grantCookie } = await finishSession(stack, session);
    const options = async () => (await post(`${REGISTRATION}/options`, grantCookie)).body;
    const verify = (body: unknown) => post(`${REGISTRATION}/verify`, grantCookie, body);
    const origin = stack.baseUrl;

    expectProblem(
      await verify(bobsKey.register({ challenge: 'bm8tcHJvbXB0', rp: { id: 'localhost' } }, { origin })),
      400,
      'passkey-challenge-invalid',
    );
    const fromElsewhere = bobsKey.register(await options(), { origin: 'https://resetgate.example.net' });
    expectProblem(await verify(fromElsewhere), 400, 'passkey-refused');
    expectProblem(await verify(fromElsewhere), 400, 'passkey-challenge-invalid');
    expectProblem(await verify(bobsKey.register(await options(), { origin, userVerified: false })), 400, 'passkey-refused');
    const earlier = bobsKey.register(await options(), { origin });
    await options(); // a new prompt replaces the one `earlier` answers
    expectProblem(await verify(earlier), 400, 'passkey-refused');
    const late = bobsKey.register(await options(), { origin });
    await expireChallenges(session.id);
    expectProblem(await verify(late), 400, 'passkey-challenge-invalid');
    expectProblem(await malformed(`${REGISTRATION}/verify`, grantCookie!), 400, 'malformed-json');
    expectProblem(await verify({ id: 'not base64url!', rawId: 1, type: 'password', response: {} }), 400, 'validation-failed');
    expectProblem(await verify({ ...earlier, extra: true }), 400, 'validation-failed');

    expect(await passkeysOf(bob)).toEqual([]);
    const refusals = await audited(session.id, 'ssp.passkey_refused');
    expect(refusals).toHaveLength(6);
    expect(refusals.every((e) => e.details.ceremony === 'registration')).toBe(true);

    // None of it spent the grant: the real passkey is still welcome, once.
    expect((await verify(bobsKey.register(await options(), { origin }))).status).toBe(200);
    expect(await passkeysOf(bob)).toHaveLength(1);
  });
});

describe('assertion, in a later verification', () => {
  test('bad answers (no prompt, wrong origin, reused, replayed or expired challenge, another user’s passkey, no user verification, malformed) → 4xx; no proof, no counter moved; each refusal audited', async () => {
    const session = await openSession(stack, alice);
    const options = async () => (await post(`${AUTHENTICATION}/options`, session.cookie)).body;
    const verify = (body: unknown) => post(`${AUTHENTICATION}/verify`, session.cookie, body);
    const origin = stack.baseUrl;
    const [before] = await passkeysOf(alice);

    expectProblem(
      await verify(alicesKey.assert({ challenge: 'bm8tcHJvbXB0', rpId: 'localhost' }, { origin })),
      400,
      'passkey-challenge-invalid',
    );
    const fromElsewhere = alicesKey.assert(await options(), { origin: 'https://resetgate.example.net' });
    expectProblem(await verify(fromElsewhere), 400, 'passkey-refused');
    expectProblem(await verify(fromElsewhere), 400, 'passkey-challenge-invalid');
    expectProblem(await verify(bobsKey.assert(await options(), { origin })), 400, 'passkey-refused');
    expectProblem(await verify(alicesKey.assert(await options(), { origin, userVerified: false })), 400, 'passkey-refused');
    const earlier = alicesKey.assert(await options(), { origin });
    await options();
    expectProblem(await verify(earlier), 400, 'passkey-refused');
    const late = alicesKey.assert(await options(), { origin });
    await expireChallenges(session.id);
    expectProblem(await verify(late), 400, 'passkey-challenge-invalid');
    expectProblem(await malformed(`${AUTHENTICATION}/verify`, session.cookie), 400, 'malformed-json');
    expectProblem(await verify({ ...late, response: { signature: 'x' } }), 400, 'validation-failed');

    expect(await passkeysOf(alice)).toEqual([before]);
    const verification = await stack.db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: session.id });
    expect(verification.proofs!.filter((p) => p.kind === 'recovery_passkey')).toEqual([]);
    const refusals = await audited(session.id, 'ssp.passkey_refused');
    expect(refusals.map((e) => e.details.reason)).toEqual([
      'no live challenge',
      expect.stringMatching(/origin/i),
      'no live challenge',
      'not a passkey of this verification’s user',
      expect.stringMatching(/user verification/i),
      expect.stringMatching(/challenge/i),
      'no live challenge',
    ]);
  });

  test('the session offers the passkey; asserting it records the proof, and the verification passes on the destination and the passkey', async () => {
    const session = await openSession(stack, alice);
    const view = async () => (await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie: session.cookie })).body.passkey;
    expect(await view()).toEqual({ offered: true, asserted: false });
    const before = (await call(stack, 'GET', `/api/v1/verifications/${session.id}`)).body;
    expect(before.proofs.map((p: { kind: string }) => p.kind)).not.toContain('recovery_passkey');

    const options = await post(`${AUTHENTICATION}/options`, session.cookie);
    expect(options.body).toMatchObject({
      rpId: 'localhost',
      userVerification: 'required',
      allowCredentials: [{ id: alicesKey.id, type: 'public-key', transports: ['internal'] }],
    });
    const assertion = alicesKey.assert(options.body, { origin: stack.baseUrl });
    expect(await post(`${AUTHENTICATION}/verify`, session.cookie, assertion)).toMatchObject({ status: 200, body: { proof: 'met' } });
    const [passkey] = await passkeysOf(alice);
    expect(passkey).toMatchObject({ counter: alicesKey.counter, lastUsedAt: expect.any(Date) });
    expect(await audited(session.id, 'ssp.passkey_asserted')).toHaveLength(1);
    expect(await view()).toEqual({ offered: false, asserted: true });

    // The same answer again: the proof is met and the challenge spent; nothing changes.
    expectProblem(await post(`${AUTHENTICATION}/verify`, session.cookie, assertion), 409, 'passkey-unavailable');
    expect((await passkeysOf(alice))[0]).toEqual(passkey);

    const { finished } = await finishSession(stack, session);
    expect(finished.body.outcome).toBe('passed');
    const verification = await waitForVerification(stack, session.id, ['passed']);
    expect(verification.receipt).toMatchObject({
      outcome: 'passed',
      recoveryClass: 'recovery_code_and_authenticator',
      decidedBy: ['destination_of_record', 'recovery_passkey'],
    });
    expect(verification.proofs).toContainEqual(
      expect.objectContaining({
        kind: 'recovery_passkey',
        status: 'met',
        detail: 'the user’s recovery passkey was asserted with user verification',
        evidence: { credentialId: alicesKey.id.slice(0, 8), userVerified: true },
      }),
    );
  });

  test('a user without a passkey is not offered one, and the proof is unavailable', async () => {
    const session = await openSession(stack, carol);
    expect((await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie: session.cookie })).body.passkey).toEqual({
      offered: false,
      asserted: false,
    });
    expectProblem(await post(`${AUTHENTICATION}/options`, session.cookie), 409, 'passkey-unavailable');
    const verification = (await call(stack, 'GET', `/api/v1/verifications/${session.id}`)).body;
    expect(verification.proofs).toContainEqual(
      expect.objectContaining({ kind: 'recovery_passkey', status: 'unavailable', detail: 'no recovery passkey is enrolled' }),
    );
  });
});

describe('under the question rule (RESETGATE_ASSURANCE=questions)', () => {
  beforeAll(async () => {
    await stack.restartApi({ RESETGATE_ASSURANCE: 'questions' });
  });

  test('a passkey decides nothing, so the session does not offer it', async () => {
    const session = await openSession(stack, alice);
    expect((await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie: session.cookie })).body.passkey).toEqual({
      offered: false,
      asserted: false,
    });
    expectProblem(await post(`${AUTHENTICATION}/options`, session.cookie), 409, 'passkey-unavailable');
  });

  test('a pass on questions alone offers no passkey: a weak pass must not mint a strong proof', async () => {
    const session = await openSession(stack, carol);
    const { finished, grantCookie } = await finishSession(stack, session);
    expect(finished.body).toEqual({ outcome: 'passed', passkeyEnrolment: null });
    expect(grantCookie).toBeNull();
    expect(await passkeysOf(carol)).toEqual([]);
  });
});
