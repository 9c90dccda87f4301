import { AuditEventEntity, DirectoryUserEntity, VouchRequestEntity } from '../../core/database/entities';
import { type DirectoryUser, finishSession, openSession, standardUsers } from '../support/passkey-client';
import { type ApiResponse, call, type Stack, startStack } from '../support/stack';
import { signInToVouch, vouchToken as tokenFromOutbox } from '../support/vouch-client';

/**
 * The vouch over HTTP against the real processes (docs/assurance.md): the user asks in the SSP,
 * the manager opens the emailed link, signs in at the development IdP as themselves, sees the
 * request and answers once. Every bad request is a 4xx problem that changes nothing.
 */
let stack: Stack;
let users: DirectoryUser[];

beforeAll(async () => {
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' });
  users = await standardUsers(stack, 4, 30);
});
afterAll(async () => {
  await stack?.stop();
});

const MY_VOUCH = '/api/v1/ssp/session/vouch';
const pub = (method: string, path: string, options: { cookie?: string; body?: unknown; rawBody?: string } = {}) =>
  call(stack, method, path, { key: null, ...options });

function expectProblem(res: ApiResponse, status: number, slug: string) {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `https://resetgate.dev/problems/${slug}` });
  expect(res.contentType).toContain('application/problem+json');
}

const managerOfUser = async (user: DirectoryUser) => {
  const row = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.id });
  return stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: row.managerId! });
};
const requestOf = (verificationId: string) => stack.db.dataSource.getRepository(VouchRequestEntity).findOneByOrFail({ verificationId });
const audited = (verificationId: string, action: string) =>
  stack.db.dataSource.getRepository(AuditEventEntity).countBy({ targetId: verificationId, action });
const vouchToken = (verificationId: string, managerEmail: string) => tokenFromOutbox(stack, verificationId, managerEmail);
const signInAs = (token: string, email: string) => signInToVouch(stack, token, email);

test('the manager confirms: the request went to their work address; they sign in as themselves and vouch once; the user passes', async () => {
  const [user] = users;
  const manager = await managerOfUser(user);
  const session = await openSession(stack, user);

  const offer = await pub('GET', MY_VOUCH, { cookie: session.cookie });
  expect(offer.body).toMatchObject({ offered: true, status: 'none', voucherName: manager.displayName });
  const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1';
  const asked = await call(stack, 'POST', MY_VOUCH, { key: null, cookie: session.cookie, headers: { 'user-agent': iPhone } });
  expect(asked.status).toBe(200);
  expect(asked.body).toMatchObject({ offered: false, status: 'pending', voucherName: manager.displayName });
  expectProblem(await pub('POST', MY_VOUCH, { cookie: session.cookie }), 409, 'vouch-unavailable');
  expect(await stack.db.dataSource.getRepository(VouchRequestEntity).countBy({ verificationId: session.id })).toBe(1);

  const token = await vouchToken(session.id, manager.email);
  // Someone else who got hold of the link cannot answer: the IdP says who signed in.
  const stranger = users[3];
  const wrong = await signInAs(token, stranger.email);
  expect(new URL(wrong.landed).search).toBe('?vouch=mismatch');
  expect(wrong.jar.header(['rg_vouch'])).toBe('');
  expect(await audited(session.id, 'vouch.wrong_person')).toBe(1);
  expect((await requestOf(session.id)).status).toBe('sent');

  const right = await signInAs(token, manager.email);
  expect(new URL(right.landed).search).toBe('?vouch=signed_in');
  const cookie = right.jar.header(['rg_vouch']);
  expect(cookie).toMatch(/^rg_vouch=/);
  const request = await pub('GET', '/api/v1/vouches/request', { cookie });
  expect(request.body).toMatchObject({
    requester: { name: expect.any(String) },
    relation: 'manager',
    reason: 'password reset',
    agent: expect.any(String),
    from: { ip: expect.any(String), device: expect.stringContaining('iPhone') },
    status: 'signed_in',
  });
  // The link is spent once the right person signed in.
  expect((await signInAs(token, manager.email)).started.status).toBe(404);

  const decision = '/api/v1/vouches/request/decision';
  expectProblem(await pub('POST', decision, { cookie, body: { decision: 'confirm' } }), 400, 'validation-failed');
  expectProblem(await pub('POST', decision, { cookie, body: { decision: 'maybe', how: 'video' } }), 400, 'validation-failed');
  expectProblem(await pub('POST', decision, { cookie, rawBody: '{"decision":' }), 400, 'malformed-json');
  expect((await requestOf(session.id)).status).toBe('signed_in');

  const confirmed = await pub('POST', decision, { cookie, body: { decision: 'confirm', how: 'video' } });
  expect(confirmed.body).toEqual({ status: 'confirmed' });
  expectProblem(await pub('POST', decision, { cookie, body: { decision: 'refuse' } }), 409, 'vouch-closed');
  expect(await audited(session.id, 'vouch.confirmed')).toBe(1);
  expect((await pub('GET', MY_VOUCH, { cookie: session.cookie })).body).toMatchObject({ status: 'met' });

  const { finished } = await finishSession(stack, session);
  expect(finished.body.outcome).toBe('passed');
  const verification = await call(stack, 'GET', `/api/v1/verifications/${session.id}`);
  expect(verification.body.receipt).toMatchObject({ decidedBy: ['destination_of_record', 'vouch'], recoveryClass: 'two_recovery_codes' });
  expect(verification.body.proofs.find((p: { kind: string; status: string }) => p.kind === 'vouch' && p.status === 'met')).toMatchObject({
    detail: `${manager.displayName} (manager) confirmed they spoke to the user on video`,
    evidence: { relation: 'manager', voucherId: manager.id, how: 'video' },
  });
});

test('the manager refuses: evidence against, audited; the user fails whatever they answer', async () => {
  const user = users[1];
  const manager = await managerOfUser(user);
  const session = await openSession(stack, user);
  await pub('POST', MY_VOUCH, { cookie: session.cookie });
  const { jar } = await signInAs(await vouchToken(session.id, manager.email), manager.email);
  const refused = await pub('POST', '/api/v1/vouches/request/decision', { cookie: jar.header(['rg_vouch']), body: { decision: 'refuse' } });
  expect(refused.body).toEqual({ status: 'refused' });
  expect(await audited(session.id, 'vouch.refused')).toBe(1);
  const { finished } = await finishSession(stack, session);
  expect(finished.body).toMatchObject({ outcome: 'failed' });
  const verification = await call(stack, 'GET', `/api/v1/verifications/${session.id}`);
  expect(verification.body.receipt.reasons.join(' ')).toMatch(/refused: they did not speak to the caller/);
});

test('an answer after the session ended is refused, records nothing, and closes the request', async () => {
  const user = users[2];
  const manager = await managerOfUser(user);
  const session = await openSession(stack, user);
  await pub('POST', MY_VOUCH, { cookie: session.cookie });
  const { jar } = await signInAs(await vouchToken(session.id, manager.email), manager.email);
  const { finished } = await finishSession(stack, session);
  expect(finished.body.outcome).toBe('needs_referee');
  const late = await pub('POST', '/api/v1/vouches/request/decision', {
    cookie: jar.header(['rg_vouch']),
    body: { decision: 'confirm', how: 'in_person' },
  });
  expectProblem(late, 409, 'vouch-closed');
  expect((await requestOf(session.id)).status).toBe('closed');
  const verification = await call(stack, 'GET', `/api/v1/verifications/${session.id}`);
  expect(verification.body.proofs.filter((p: { kind: string }) => p.kind === 'vouch').map((p: { status: string }) => p.status)).toEqual([
    'pending',
    'unavailable',
  ]);
});

test('bad input on the voucher’s side: a 4xx problem, nothing changed', async () => {
  expectProblem(await pub('POST', '/api/v1/vouches/sign-in', { body: { token: 'short' } }), 400, 'validation-failed');
  expectProblem(await pub('POST', '/api/v1/vouches/sign-in', { body: { token: 'A'.repeat(43) } }), 404, 'vouch-link-invalid');
  expectProblem(await pub('POST', '/api/v1/vouches/sign-in', { body: { token: 42 } }), 400, 'validation-failed');
  expectProblem(await pub('POST', '/api/v1/vouches/sign-in', { rawBody: '{"token":' }), 400, 'malformed-json');
  expectProblem(await pub('GET', '/api/v1/vouches/request'), 401, 'vouch-session-invalid');
  expectProblem(await pub('GET', '/api/v1/vouches/request', { cookie: 'rg_vouch=forged' }), 401, 'vouch-session-invalid');
  expectProblem(
    await pub('POST', '/api/v1/vouches/request/decision', { body: { decision: 'confirm', how: 'video' } }),
    401,
    'vouch-session-invalid',
  );
  const callback = await fetch(`${stack.baseUrl}/api/v1/vouches/callback?code=x&state=y`, { redirect: 'manual' });
  expect(callback.status).toBe(400);
  expect(callback.headers.get('content-type')).toContain('application/problem+json');
  expectProblem(await pub('GET', MY_VOUCH), 401, 'session-invalid');
  expectProblem(await pub('POST', MY_VOUCH), 401, 'session-invalid');
});
