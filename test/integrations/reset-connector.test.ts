import { WorkflowNotFoundError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createVerificationActivities } from '../../activities/verification/verification-activities';
import { DevOutboxSender } from '../../activities/delivery/dev-outbox-sender';
import { KeycloakConnector } from '../../activities/verification/reset-connector/keycloak-connector';
import { AuditEventEntity, VerificationEntity } from '../../core/database/entities';
import { approveReset, finishSession, startSession, submitAnswer } from '../../workflows/verification/messages';
import type { ResetAction } from '../../workflows/verification/model';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type FakeKeycloak, startFakeKeycloak } from '../support/fake-keycloak';
import {
  fullyKnownUser,
  HARNESS_AUDIT_KEY,
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
  wrongAnswer,
} from '../support/workflow-harness';

/**
 * The post-approval connector against a local Keycloak peer: the admin token, the user search and
 * the action are called after an accepted approval, and never otherwise.
 */
let db: TestDatabase;
let keycloak: FakeKeycloak;
let harness: Harness;
let connector: KeycloakConnector;
let nextUser = 10;

beforeAll(async () => {
  db = await createTestDatabase();
  keycloak = await startFakeKeycloak();
  connector = new KeycloakConnector({
    baseUrl: keycloak.url,
    realm: keycloak.realm,
    tokenRealm: keycloak.realm,
    clientId: keycloak.clientId,
    clientSecret: keycloak.clientSecret,
  });
  harness = await startHarness(db, { connector });
});
afterAll(async () => {
  await harness?.close();
  await keycloak?.close();
  await db?.drop();
});

async function start(options: { inKeycloak?: boolean; approvalWindowSeconds?: number } = {}) {
  const user = await fullyKnownUser(db, nextUser++);
  const keycloakId = options.inKeycloak === false ? null : keycloak.addUser(user.email);
  const policy = testPolicy(options.approvalWindowSeconds ? { approvalWindowSeconds: options.approvalWindowSeconds } : {});
  return { v: await startVerification(db, harness, { user, policy }), keycloakId };
}

async function completeChallenge(v: StartedVerification, choose: typeof rightAnswer) {
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] });
  for (const q of await questionsOf(db, v.id)) {
    await v.handle.executeUpdate(submitAnswer, { args: [{ questionId: q.id, answer: choose(q), elapsedMs: 4000, pasted: false }] });
  }
  return v.handle.executeUpdate(finishSession, { args: [HUMAN_SIGNALS] });
}

async function approve(v: StartedVerification, action: ResetAction) {
  await v.handle.executeUpdate(approveReset, { args: [{ action, approvedBy: 'agent@example.com', ticketRef: 'INC-9' }] });
  return v.handle.result();
}

const connectorAudit = (id: string) =>
  db.dataSource
    .getRepository(AuditEventEntity)
    .createQueryBuilder('e')
    .where('e.target_id = :id AND e.action LIKE :prefix', { id, prefix: 'reset_connector.%' })
    .getMany();

test('after an accepted approval: admin token, user by exact email, execute-actions-email UPDATE_PASSWORD', async () => {
  const { v, keycloakId } = await start();
  expect((await completeChallenge(v, rightAnswer)).outcome).toBe('passed');
  const before = keycloak.calls.length;
  const final = await approve(v, 'password_reset');

  const calls = keycloak.calls.slice(before);
  expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
    `POST /realms/corp/protocol/openid-connect/token`,
    `GET /admin/realms/corp/users`,
    `PUT /admin/realms/corp/users/${keycloakId}/execute-actions-email`,
  ]);
  expect(Object.fromEntries(new URLSearchParams(calls[0].body))).toEqual({
    grant_type: 'client_credentials',
    client_id: keycloak.clientId,
    client_secret: keycloak.clientSecret,
  });
  // The admin calls carry the token the token endpoint issued, nothing else.
  const token = calls[1].authorization!.replace(/^Bearer /, '');
  expect(calls[1].query).toEqual({ email: v.user.email, exact: 'true' });
  expect(calls[2]).toMatchObject({ authorization: `Bearer ${token}`, contentType: 'application/json', body: '["UPDATE_PASSWORD"]' });

  expect(final.status).toBe('reset_completed');
  expect(final.connector).toMatchObject({ connector: 'keycloak', action: 'password_reset', status: 'succeeded' });
  const row = await db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: v.id });
  expect(row.connectorResult).toMatchObject({ connector: 'keycloak', status: 'succeeded', detail: expect.stringContaining(keycloakId!) });
  const audit = await connectorAudit(v.id);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actor: 'connector:keycloak', action: 'reset_connector.succeeded' });
  expect(audit[0].details).toMatchObject({ action: 'password_reset', approvedBy: 'agent@example.com' });
  expect(JSON.stringify(audit[0].details)).not.toContain(keycloak.clientSecret);
  const notice = (await outboxFor(db, v.id)).find((m) => m.to === v.user.email);
  expect(notice?.body).toMatch(/email from your sign-in service/);
});

test('never called without an accepted approval: failed, refused before the pass, or the window expired', async () => {
  const before = keycloak.calls.length;

  const failed = await start();
  expect((await completeChallenge(failed.v, wrongAnswer)).outcome).toBe('failed');
  expect((await failed.v.handle.result()).status).toBe('failed');
  // A failed verification has ended: Temporal itself refuses the approval.
  const late = failed.v.handle.executeUpdate(approveReset, { args: [{ action: 'password_reset', approvedBy: 'a' }] });
  await expect(late).rejects.toBeInstanceOf(WorkflowNotFoundError);
  await expect(late).rejects.toThrow('workflow execution already completed');

  const expired = await start({ approvalWindowSeconds: 2 });
  await waitForStatus(expired.v.handle, ['link_sent']);
  await expect(
    expired.v.handle.executeUpdate(approveReset, { args: [{ action: 'password_reset', approvedBy: 'a' }] }),
  ).rejects.toMatchObject({
    cause: { message: expect.stringMatching(/not passed/) },
  });
  expect((await completeChallenge(expired.v, rightAnswer)).outcome).toBe('passed');
  expect((await expired.v.handle.result()).status).toBe('approval_expired');

  expect(keycloak.calls.slice(before)).toEqual([]);
  for (const { v } of [failed, expired]) {
    expect((await db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: v.id })).connectorResult).toBeNull();
    expect(await connectorAudit(v.id)).toEqual([]);
  }
});

test('the activity itself refuses a verification whose row shows no accepted approval', async () => {
  const { v } = await start();
  expect((await completeChallenge(v, rightAnswer)).outcome).toBe('passed');
  const before = keycloak.calls.length;
  const activities = createVerificationActivities({
    dataSource: db.dataSource,
    sender: new DevOutboxSender(),
    publicUrl: 'https://rg.test',
    connector,
    auditKey: HARNESS_AUDIT_KEY,
  });
  const env = new MockActivityEnvironment({
    activityId: '9',
    attempt: 1,
    workflowExecution: { workflowId: v.handle.workflowId, runId: 'r' },
  } as never);
  const approval = { action: 'password_reset' as const, approvedBy: 'forged', approvedAt: new Date().toISOString() };
  await expect(env.run(activities.runResetConnector, { verificationId: v.id, userId: v.user.id, approval })).rejects.toMatchObject({
    type: 'NotApproved',
    nonRetryable: true,
  });
  expect(keycloak.calls.slice(before)).toEqual([]);
});

test('a Keycloak outage is retried; an unlock clears the brute-force lockout', async () => {
  const { v, keycloakId } = await start();
  await completeChallenge(v, rightAnswer);
  keycloak.failNext(1);
  const before = keycloak.calls.length;
  const final = await approve(v, 'account_unlock');
  const paths = keycloak.calls.slice(before).map((c) => `${c.method} ${c.path}`);
  expect(paths.filter((p) => p.startsWith('POST'))).toHaveLength(2);
  expect(paths[paths.length - 1]).toBe(`DELETE /admin/realms/corp/attack-detection/brute-force/users/${keycloakId}`);
  expect(final.connector).toMatchObject({ status: 'succeeded', action: 'account_unlock' });
});

test('a user Keycloak does not know: the failure is recorded and audited, the user still notified', async () => {
  const { v } = await start({ inKeycloak: false });
  await completeChallenge(v, rightAnswer);
  const final = await approve(v, 'reset_email');
  expect(final.status).toBe('reset_completed');
  expect(final.connector).toMatchObject({ status: 'failed', detail: `Keycloak has 0 users with the email ${v.user.email}` });
  expect((await connectorAudit(v.id)).map((e) => e.action)).toEqual(['reset_connector.failed']);
  const notice = (await outboxFor(db, v.id)).find((m) => m.to === v.user.email);
  expect(notice?.body).not.toMatch(/sign-in service/);
});
