import { AuditEventEntity, VerificationEntity } from '../../core/database/entities';
import { type ConsoleSession, signInToConsole } from '../support/console-session';
import { type DirectoryUser, finishSession, openSession, standardUsers } from '../support/passkey-client';
import { linkFor, startSession, tokenOf } from '../support/ssp-client';
import { type ApiResponse, call, type Stack, startStack } from '../support/stack';

/**
 * The referee's check after `needs_referee` over HTTP, against the real processes
 * (docs/assurance.md): a named second person records what they saw, once. Never the agent who
 * started the verification, never an API key; every bad request is a problem that stores nothing.
 */
let stack: Stack;
let users: DirectoryUser[];
let agent: ConsoleSession;
let admin: ConsoleSession;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' });
  users = await standardUsers(stack, 8, 40);
  // Nobody to vouch for them: right answers and no strong proof end in needs_referee.
  await stack.db.dataSource.query(`UPDATE directory_users SET manager_id = NULL WHERE id = ANY($1)`, [users.map((u) => u.id)]);
  [agent, admin] = await Promise.all([signInToConsole(stack, 'agent@example.com'), signInToConsole(stack, 'admin@example.com')]);
});
afterAll(async () => {
  await stack?.stop();
});

const as = (session: ConsoleSession) => ({ key: null, cookie: session.cookie, headers: { 'x-csrf-token': session.csrfToken } });
const checkPath = (id: string) => `/api/v1/verifications/${id}/referee-check`;
const goodCheck = {
  method: 'in_person',
  verdict: 'confirmed',
  evidence: 'Passport seen at the front desk: photo, name and date of birth matched the directory.',
};

function expectProblem(res: ApiResponse, status: number, slug: string) {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `https://resetgate.dev/problems/${slug}` });
  expect(res.contentType).toContain('application/problem+json');
}

const stored = async (id: string) => (await stack.db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id })).refereeCheck;
const audited = (id: string) =>
  stack.db.dataSource.getRepository(AuditEventEntity).findBy({ targetId: id, action: 'verification.referee_checked' });

/** A verification the agent sent from the console, answered right on the phone with no strong proof: needs_referee. */
async function needsRefereeSentBy(session: ConsoleSession, user: DirectoryUser): Promise<string> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    ...as(session),
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  const { finished } = await finishSession(stack, { id: created.body.id, cookie });
  expect(finished.body.outcome).toBe('needs_referee');
  return created.body.id;
}

/** The same through an API key (an integration sent the link). */
async function needsReferee(user: DirectoryUser): Promise<string> {
  const session = await openSession(stack, user);
  const { finished } = await finishSession(stack, session);
  expect(finished.body.outcome).toBe('needs_referee');
  return session.id;
}

test('the agent who started it is refused; a different person records it, once; the view and the audit log show it; the reset stays closed', async () => {
  const id = await needsRefereeSentBy(agent, users[0]);
  const before = await call(stack, 'GET', `/api/v1/verifications/${id}`, as(agent));
  expect(before.body).toMatchObject({ status: 'needs_referee', initiatedBy: 'user:agent@example.com', refereeCheck: null });

  const own = await call(stack, 'POST', checkPath(id), { ...as(agent), body: goodCheck });
  expectProblem(own, 409, 'referee-check-refused');
  expect(own.body.detail).toMatch(/second person/);
  expect(await stored(id)).toBeNull();
  expect(await audited(id)).toHaveLength(0);

  const recorded = await call(stack, 'POST', checkPath(id), { ...as(admin), body: goodCheck });
  expect(recorded.status).toBe(200);
  expect(recorded.body).toMatchObject({
    id,
    status: 'needs_referee',
    outcome: 'needs_referee',
    refereeCheck: { referee: 'user:admin@example.com', ...goodCheck, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
  });
  const checkedAt = Date.parse(recorded.body.refereeCheck.at);
  expect(Math.abs(Date.now() - checkedAt)).toBeLessThan(60_000);

  // Everyone reads it on the verification, the agent who started it too.
  const seen = await call(stack, 'GET', `/api/v1/verifications/${id}`, as(agent));
  expect(seen.body.refereeCheck).toEqual(recorded.body.refereeCheck);
  const listed = await call(stack, 'GET', `/api/v1/verifications?status=needs_referee`, as(agent));
  expect(listed.body.items.find((v: { id: string }) => v.id === id).refereeCheck).toEqual(recorded.body.refereeCheck);

  // Once: a second check, by anyone, changes nothing.
  const agent2 = await signInToConsole(stack, 'agent2@example.com');
  const again = await call(stack, 'POST', checkPath(id), {
    ...as(agent2),
    body: { method: 'video', verdict: 'refused', evidence: 'They would not turn the camera on.' },
  });
  expectProblem(again, 409, 'referee-check-refused');
  expect(again.body.detail).toMatch(/already recorded/);
  expect(await stored(id)).toEqual(recorded.body.refereeCheck);

  const events = await audited(id);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    actor: 'user:admin@example.com',
    targetType: 'verification',
    details: { method: 'in_person', verdict: 'confirmed' },
  });

  // A record, not a pass: ResetGate's approval stays closed.
  const approval = await call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, {
    ...as(admin),
    body: { action: 'password_reset' },
  });
  expect(approval.status).toBe(409);
  expect((await call(stack, 'GET', `/api/v1/verifications/${id}`, as(admin))).body.status).toBe('needs_referee');
}, 60_000);

test('an API key cannot record a check, whatever its roles: a named person answers for it', async () => {
  const id = await needsReferee(users[1]);
  const res = await call(stack, 'POST', checkPath(id), { body: goodCheck });
  expectProblem(res, 409, 'referee-check-refused');
  expect(await stored(id)).toBeNull();

  // An integration's verification is open to any console person: the agent records it.
  const byAgent = await call(stack, 'POST', checkPath(id), { ...as(agent), body: { ...goodCheck, method: 'video', verdict: 'refused' } });
  expect(byAgent.status).toBe(200);
  expect(byAgent.body.refereeCheck).toMatchObject({ referee: 'user:agent@example.com', method: 'video', verdict: 'refused' });
  expect(await audited(id)).toHaveLength(1);
}, 60_000);

test('auditors cannot record a check, nor a console change without its CSRF token', async () => {
  const id = await needsReferee(users[2]);
  const auditor = await signInToConsole(stack, 'auditor@example.com');
  expectProblem(await call(stack, 'POST', checkPath(id), { ...as(auditor), body: goodCheck }), 403, 'forbidden');
  expectProblem(await call(stack, 'POST', checkPath(id), { key: null, cookie: admin.cookie, body: goodCheck }), 403, 'csrf-failed');
  expect(await stored(id)).toBeNull();
  expect(await audited(id)).toHaveLength(0);
}, 60_000);

describe('bad bodies are 400 problems and store nothing', () => {
  let id: string;
  beforeAll(async () => {
    id = await needsReferee(users[3]);
  }, 60_000);

  const bodies: [name: string, options: { body?: unknown; rawBody?: string }, slug: string][] = [
    ['an unknown method', { body: { ...goodCheck, method: 'phone' } }, 'validation-failed'],
    ['an unknown verdict', { body: { ...goodCheck, verdict: 'maybe' } }, 'validation-failed'],
    ['evidence too short', { body: { ...goodCheck, evidence: 'looked ok' } }, 'validation-failed'],
    ['evidence too long', { body: { ...goodCheck, evidence: 'x'.repeat(2001) } }, 'validation-failed'],
    ['evidence that is not a string', { body: { ...goodCheck, evidence: 1234567890123 } }, 'validation-failed'],
    ['a method that is not a string', { body: { ...goodCheck, method: ['in_person'] } }, 'validation-failed'],
    ['nothing in it', { body: {} }, 'validation-failed'],
    ['a field it does not take', { body: { ...goodCheck, referee: 'user:someone@example.com' } }, 'validation-failed'],
    ['an array', { body: [goodCheck] }, 'validation-failed'],
    ['malformed JSON', { rawBody: '{"method": "in_person", ' }, 'malformed-json'],
  ];
  test.each(bodies)('%s', async (_name, options, slug) => {
    expectProblem(await call(stack, 'POST', checkPath(id), { ...as(admin), ...options }), 400, slug);
    expect(await stored(id)).toBeNull();
    expect(await audited(id)).toHaveLength(0);
  });

  test('afterwards a good one is still recorded', async () => {
    expect((await call(stack, 'POST', checkPath(id), { ...as(admin), body: goodCheck })).status).toBe(200);
  });
});

test('a verification that does not need a referee takes no check; an unknown one is a 404', async () => {
  const open = await openSession(stack, users[4]);
  const refused = await call(stack, 'POST', checkPath(open.id), { ...as(admin), body: goodCheck });
  expectProblem(refused, 409, 'referee-check-refused');
  expect(refused.body.detail).toMatch(/Only a verification that needs a referee/);
  expect(await stored(open.id)).toBeNull();
  expect(await audited(open.id)).toHaveLength(0);

  expectProblem(
    await call(stack, 'POST', checkPath('0b7f5c1e-8a4e-4c55-9d7a-3f1f1f0a9e21'), { ...as(admin), body: goodCheck }),
    404,
    'not-found',
  );
  expectProblem(await call(stack, 'POST', checkPath('not-a-uuid'), { ...as(admin), body: goodCheck }), 404, 'not-found');
}, 60_000);

// Spaces are not evidence: the length that counts is the trimmed one.
test('evidence of spaces only is a 400 problem and stores nothing', async () => {
  const id = await needsReferee(users[5]);
  expectProblem(
    await call(stack, 'POST', checkPath(id), { ...as(admin), body: { ...goodCheck, evidence: ' '.repeat(12) } }),
    400,
    'validation-failed',
  );
  expect(await stored(id)).toBeNull();
}, 60_000);
