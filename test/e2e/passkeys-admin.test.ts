import { randomBytes, randomUUID } from 'node:crypto';
import { AuditEventEntity, RecoveryPasskeyEntity } from '../../core/database/entities';
import { type ConsoleSession, signInToConsole } from '../support/console-session';
import { schemaErrors } from '../support/json-schema';
import { type DirectoryUser, standardUsers } from '../support/passkey-client';
import { apiKeyWithRoles, type ApiResponse, call, type Stack, startStack } from '../support/stack';

/**
 * Recovery passkeys seen from the console, over HTTP against the real processes
 * (docs/assurance.md): listed for agents, auditors and admins without the credential id or the
 * public key; removed by an admin only, audited once (`passkey.removed`). Every refusal is a
 * problem that removes nothing.
 */
let stack: Stack;
let alice: DirectoryUser;
let bob: DirectoryUser;
let agent: ConsoleSession;
let auditor: ConsoleSession;
let admin: ConsoleSession;
let document: Record<string, any>;
/** A real verification row for each user: the one their passkeys were "added after". */
let alicesVerification: string;
let bobsVerification: string;

beforeAll(async () => {
  stack = await startStack();
  [alice, bob] = await standardUsers(stack, 2);
  [agent, auditor, admin] = await Promise.all(
    ['agent@example.com', 'auditor@example.com', 'admin@example.com'].map((email) => signInToConsole(stack, email)),
  );
  document = (await call(stack, 'GET', '/api/docs/openapi.json', { key: null })).body;
  [alicesVerification, bobsVerification] = await Promise.all([alice, bob].map(verificationFor));
});
afterAll(async () => {
  await stack?.stop();
});

const as = (session: ConsoleSession) => ({ key: null, cookie: session.cookie, headers: { 'x-csrf-token': session.csrfToken } });
const listPath = (userId: string) => `/api/v1/directory/users/${encodeURIComponent(userId)}/passkeys`;
const passkeyPath = (userId: string, passkeyId: string) => `${listPath(userId)}/${encodeURIComponent(passkeyId)}`;
const passkeys = () => stack.db.dataSource.getRepository(RecoveryPasskeyEntity);
const removals = (passkeyId: string) =>
  stack.db.dataSource.getRepository(AuditEventEntity).findBy({ action: 'passkey.removed', targetId: passkeyId });
const allRemovals = () => stack.db.dataSource.getRepository(AuditEventEntity).countBy({ action: 'passkey.removed' });

function expectProblem(res: ApiResponse, status: number, slug: string) {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `https://resetgate.dev/problems/${slug}` });
  expect(res.contentType).toContain('application/problem+json');
}

async function verificationFor(user: DirectoryUser): Promise<string> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

interface Inserted {
  id: string;
  credentialId: string;
  publicKey: Buffer;
}

/** A passkey as the SSP would have stored it, straight into the table. */
async function insertPasskey(user: DirectoryUser, verificationId: string, transports = ['internal', 'hybrid']): Promise<Inserted> {
  const credentialId = randomBytes(32).toString('base64url');
  const publicKey = randomBytes(77);
  const { identifiers } = await passkeys().insert({
    userId: user.id,
    credentialId,
    publicKey,
    counter: 0,
    transports,
    enrolledAfterVerificationId: verificationId,
  });
  return { id: String(identifiers[0].id), credentialId, publicKey };
}

/** Nothing about the credential but its first 8 characters: not the whole id, not the public key in any encoding. */
function expectNoSecrets(res: ApiResponse, ...inserted: Inserted[]) {
  const text = JSON.stringify(res.body);
  for (const p of inserted) {
    expect(text).not.toContain(p.credentialId);
    expect(text).not.toContain(p.credentialId.slice(0, 9));
    for (const encoding of ['base64', 'base64url', 'hex'] as const) expect(text).not.toContain(p.publicKey.toString(encoding).slice(0, 16));
  }
  expect(text).not.toMatch(/publicKey|counter|credentialId"/);
}

test('agents, auditors and admins see the user’s passkeys: the prefix, transports, when added and after which verification, when last used', async () => {
  const first = await insertPasskey(alice, alicesVerification);
  const second = await insertPasskey(alice, alicesVerification, []);
  const lastUsedAt = new Date('2026-07-08T09:30:00.000Z');
  await passkeys().update(second.id, { lastUsedAt });
  const stored = await passkeys().findBy({ userId: alice.id });

  for (const session of [agent, auditor, admin]) {
    const res = await call(stack, 'GET', listPath(alice.id), as(session));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      userId: alice.id,
      items: [
        {
          id: first.id,
          credentialIdPrefix: first.credentialId.slice(0, 8),
          transports: ['internal', 'hybrid'],
          addedAt: stored.find((p) => p.id === first.id)!.createdAt.toISOString(),
          addedAfterVerificationId: alicesVerification,
          lastUsedAt: null,
        },
        {
          id: second.id,
          credentialIdPrefix: second.credentialId.slice(0, 8),
          transports: [],
          addedAt: stored.find((p) => p.id === second.id)!.createdAt.toISOString(),
          addedAfterVerificationId: alicesVerification,
          lastUsedAt: lastUsedAt.toISOString(),
        },
      ],
    });
    expectNoSecrets(res, first, second);
    const schema = document.paths['/api/v1/directory/users/{userId}/passkeys'].get.responses['200'].content['application/json'].schema;
    expect(schemaErrors(document, schema, res.body)).toEqual([]);
  }

  // A user with none: an empty list, not a 404.
  const none = await call(stack, 'GET', listPath(bob.id), as(agent));
  expect(none.status).toBe(200);
  expect(none.body).toEqual({ userId: bob.id, items: [] });
  await passkeys().delete({ userId: alice.id });
});

test('an unknown user, or an id no directory would use, is a 404 problem', async () => {
  expectProblem(await call(stack, 'GET', listPath('u-nobody'), as(agent)), 404, 'not-found');
  expectProblem(await call(stack, 'GET', listPath('x'.repeat(201)), as(agent)), 404, 'not-found');
  expectProblem(await call(stack, 'GET', listPath('u\u0000001'), as(auditor)), 404, 'not-found');
  expectProblem(await call(stack, 'GET', listPath("u0001' OR '1'='1"), as(admin)), 404, 'not-found');
});

test('an admin removes one: 204, gone, audited once; the user’s other passkey and everyone else’s stay', async () => {
  const doomed = await insertPasskey(alice, alicesVerification);
  const kept = await insertPasskey(alice, alicesVerification);
  const bobs = await insertPasskey(bob, bobsVerification);
  const before = await allRemovals();

  const removed = await call(stack, 'DELETE', passkeyPath(alice.id, doomed.id), as(admin));
  expect(removed.status).toBe(204);
  expect(removed.body).toBeUndefined();
  expect(await passkeys().existsBy({ id: doomed.id })).toBe(false);
  expect((await passkeys().findBy({ userId: alice.id })).map((p) => p.id)).toEqual([kept.id]);
  expect((await passkeys().findBy({ userId: bob.id })).map((p) => p.id)).toEqual([bobs.id]);

  const listed = await call(stack, 'GET', listPath(alice.id), as(agent));
  expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([kept.id]);

  const [audit, ...more] = await removals(doomed.id);
  expect(more).toEqual([]);
  expect(audit).toMatchObject({
    actor: 'user:admin@example.com',
    action: 'passkey.removed',
    targetType: 'recovery_passkey',
    targetId: doomed.id,
    details: { userId: alice.id, credentialId: doomed.credentialId.slice(0, 8), enrolledAfterVerificationId: alicesVerification },
  });
  expect(JSON.stringify(audit.details)).not.toContain(doomed.credentialId);

  // Twice is a 404, and audits nothing more.
  expectProblem(await call(stack, 'DELETE', passkeyPath(alice.id, doomed.id), as(admin)), 404, 'not-found');
  expect(await removals(doomed.id)).toHaveLength(1);
  expect(await allRemovals()).toBe(before + 1);

  // The audit chain still verifies with the removal in it.
  const chain = await call(stack, 'GET', '/api/v1/audit-events/verify', as(admin));
  expect(chain.status).toBe(200);
  expect(chain.body).toMatchObject({ intact: true, firstBroken: null });
  await passkeys().delete({ userId: alice.id });
  await passkeys().delete({ userId: bob.id });
});

test('agents, auditors and agent API keys cannot remove one: 403, nothing removed, nothing audited', async () => {
  const target = await insertPasskey(alice, alicesVerification);
  const agentKey = await apiKeyWithRoles(stack, 'agent');
  const before = await allRemovals();

  expectProblem(await call(stack, 'DELETE', passkeyPath(alice.id, target.id), as(agent)), 403, 'forbidden');
  expectProblem(await call(stack, 'DELETE', passkeyPath(alice.id, target.id), as(auditor)), 403, 'forbidden');
  expectProblem(await call(stack, 'DELETE', passkeyPath(alice.id, target.id), { key: agentKey }), 403, 'forbidden');
  expect(await passkeys().existsBy({ id: target.id })).toBe(true);
  expect(await allRemovals()).toBe(before);
  await passkeys().delete({ userId: alice.id });
});

test('another user’s passkey, an unknown one, an unknown user or a malformed id: a 404 problem, never a 500, and nothing removed', async () => {
  const alices = await insertPasskey(alice, alicesVerification);
  const bobs = await insertPasskey(bob, bobsVerification);
  const before = await allRemovals();

  // Bob's passkey through Alice's path: the passkey exists, but not for this user.
  expectProblem(await call(stack, 'DELETE', passkeyPath(alice.id, bobs.id), as(admin)), 404, 'not-found');
  expectProblem(await call(stack, 'DELETE', passkeyPath(bob.id, alices.id), as(admin)), 404, 'not-found');
  expectProblem(await call(stack, 'DELETE', passkeyPath(alice.id, randomUUID()), as(admin)), 404, 'not-found');
  expectProblem(await call(stack, 'DELETE', passkeyPath('u-nobody', alices.id), as(admin)), 404, 'not-found');
  for (const malformed of ['not-a-uuid', '1', `${alices.id}x`, "' OR 1=1 --"]) {
    const res = await call(stack, 'DELETE', passkeyPath(alice.id, malformed), as(admin));
    expectProblem(res, 404, 'not-found');
  }
  expectProblem(await call(stack, 'DELETE', passkeyPath('x'.repeat(201), alices.id), as(admin)), 404, 'not-found');

  expect(await passkeys().existsBy({ id: alices.id })).toBe(true);
  expect(await passkeys().existsBy({ id: bobs.id })).toBe(true);
  expect(await allRemovals()).toBe(before);
  await passkeys().delete({ userId: alice.id });
  await passkeys().delete({ userId: bob.id });
});

test('a removal without the console’s CSRF token is refused and removes nothing', async () => {
  const target = await insertPasskey(alice, alicesVerification);
  const res = await call(stack, 'DELETE', passkeyPath(alice.id, target.id), { key: null, cookie: admin.cookie });
  expectProblem(res, 403, 'csrf-failed');
  expect(await passkeys().existsBy({ id: target.id })).toBe(true);
  await passkeys().delete({ userId: alice.id });
});
