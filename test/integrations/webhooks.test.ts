import { createHash, randomBytes } from 'node:crypto';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { type ReceivedWebhook, startWebhookReceiver, verifyResetGateSignature, type WebhookReceiver } from '../support/webhook-receiver';
import { rightAnswer } from '../support/workflow-harness';

/**
 * Webhooks end to end: subscriptions through the API, events written with the change that causes
 * them, signed deliveries as Temporal activities with backoff, and the delivery log.
 */
let stack: Stack;
let receiver: WebhookReceiver;
let nextUser = 0;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startStack({
    // The receiver listens on 127.0.0.1; the default refusal of internal addresses is tested in webhook-destinations.
    RESETGATE_WEBHOOK_ALLOW_PRIVATE: 'true',
    RESETGATE_WEBHOOK_RETRY_INITIAL_SECONDS: '1',
    RESETGATE_WEBHOOK_RETRY_MAX_SECONDS: '2',
    RESETGATE_WEBHOOK_MAX_ATTEMPTS: '3',
  });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

async function subscribe(path: string, events?: string[]) {
  const res = await call(stack, 'POST', '/api/v1/webhooks', { body: { url: `${receiver.url}${path}`, ...(events && { events }) } });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string; events: string[] };
}

async function newVerification() {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users u
      WHERE manager_id IS NOT NULL AND cardinality(groups) > 1 AND mobile_phone IS NOT NULL
        AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id) ORDER BY id OFFSET $1 LIMIT 1`,
    [nextUser++],
  );
  const res = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, destination: user.mobile_phone as string };
}

const isEvent = (path: string, type: string, verificationId: string) => (r: ReceivedWebhook) =>
  r.path === path && r.headers['resetgate-event'] === type && JSON.parse(r.rawBody).data.verification.id === verificationId;

test('subscriptions: admin only, http(s) URLs only, the secret shown once and never listed', async () => {
  const count = async () => Number((await stack.db.dataSource.query(`SELECT count(*) FROM webhook_subscriptions`))[0].count);
  const before = await count();
  for (const body of [
    { url: 'ftp://files.example.com/in' },
    { url: 'javascript:alert(1)' },
    { url: 'not a url' },
    { url: `${receiver.url}/x`, events: ['verification.exploded'] },
    { url: `${receiver.url}/x`, events: [] },
    { url: `${receiver.url}/x`, secret: 'mine' },
  ]) {
    const res = await call(stack, 'POST', '/api/v1/webhooks', { body });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://resetgate.dev/problems/validation-failed');
  }
  const agentKey = `agent_${randomBytes(16).toString('hex')}`;
  await stack.db.dataSource.query(`INSERT INTO api_keys (name, prefix, key_hash, roles) VALUES ('agent', 'agen', $1, '{agent}')`, [
    createHash('sha256').update(agentKey).digest(),
  ]);
  expect((await call(stack, 'POST', '/api/v1/webhooks', { key: agentKey, body: { url: `${receiver.url}/x` } })).status).toBe(403);
  expect((await call(stack, 'GET', '/api/v1/webhooks', { key: agentKey })).status).toBe(403);
  expect(await count()).toBe(before);

  const created = await subscribe('/listed');
  expect(created).toMatchObject({
    url: `${receiver.url}/listed`,
    // All of them, by default.
    events: ['verification.created', 'verification.completed', 'verification.reset_approved', 'verification.vouch_refused'],
    secret: expect.stringMatching(/^whsec_[\w-]{43}$/),
  });
  const listed = await call(stack, 'GET', '/api/v1/webhooks');
  expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(created.id);
  expect(JSON.stringify(listed.body)).not.toContain(created.secret);
  expect(JSON.stringify(listed.body)).not.toContain('"secret"');
  expect((await call(stack, 'DELETE', `/api/v1/webhooks/${created.id}`)).status).toBe(204);
});

test('a delivery is signed, retried after a 500, and the log shows both attempts', async () => {
  const hook = await subscribe('/retry', ['verification.created']);
  receiver.answer('/retry', [500]);
  const v = await newVerification();

  const attempts = await receiver.waitFor(isEvent('/retry', 'verification.created', v.id), 2);
  expect(attempts.map((a) => a.answeredWith)).toEqual([500, 200]);
  for (const attempt of attempts) {
    expect(attempt.headers['content-type']).toBe('application/json');
    expect(verifyResetGateSignature(hook.secret, attempt.headers['resetgate-signature'] as string, attempt.rawBody)).toBe(true);
    expect(verifyResetGateSignature('whsec_another', attempt.headers['resetgate-signature'] as string, attempt.rawBody)).toBe(false);
    expect(verifyResetGateSignature(hook.secret, attempt.headers['resetgate-signature'] as string, attempt.rawBody + ' ')).toBe(false);
  }
  expect(attempts[1].headers['resetgate-delivery']).toBe(attempts[0].headers['resetgate-delivery']);
  const event = JSON.parse(attempts[1].rawBody);
  expect(event).toMatchObject({ type: 'verification.created', data: { verification: { id: v.id, status: 'created', channel: 'sms' } } });
  expect(attempts[1].rawBody).not.toContain(v.destination);
  expect(attempts[1].rawBody).not.toMatch(/token|secret|whsec_/);

  const log = await waitForLog(hook.id, (d) => d.status === 'succeeded');
  expect(log).toMatchObject({
    eventType: 'verification.created',
    verificationId: v.id,
    status: 'succeeded',
    attempts: 2,
    lastStatusCode: 200,
    lastError: 'the receiver answered 500',
    deliveredAt: expect.any(String),
  });
  expect(log.id).toBe(attempts[0].headers['resetgate-delivery']);
});

test('completed and reset_approved reach the subscriptions that want them, and only those', async () => {
  await subscribe('/all');
  await subscribe('/approvals', ['verification.reset_approved']);
  const v = await newVerification();
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, v.id)));
  await answerAll(stack, cookie, v.id, rightAnswer);
  expect((await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} })).body).toMatchObject({
    outcome: 'passed',
  });
  expect((await call(stack, 'POST', `/api/v1/verifications/${v.id}/reset-approval`, { body: { action: 'password_reset' } })).status).toBe(
    200,
  );

  const [completed] = await receiver.waitFor(isEvent('/all', 'verification.completed', v.id));
  expect(JSON.parse(completed.rawBody).data.verification).toMatchObject({ status: 'passed', outcome: 'passed' });
  const [approved] = await receiver.waitFor(isEvent('/approvals', 'verification.reset_approved', v.id));
  expect(JSON.parse(approved.rawBody).data.verification.resetAction).toMatchObject({
    action: 'password_reset',
    approvedBy: 'apikey:bootstrap',
  });
  await receiver.waitFor(isEvent('/all', 'verification.reset_approved', v.id));
  await receiver.waitFor(isEvent('/all', 'verification.created', v.id));
  const toApprovals = receiver.received.filter((r) => r.path === '/approvals').map((r) => r.headers['resetgate-event']);
  expect(new Set(toApprovals)).toEqual(new Set(['verification.reset_approved']));
});

test('a receiver that keeps failing: failed after the last attempt; after unsubscribing, nothing more is sent', async () => {
  const hook = await subscribe('/down', ['verification.created', 'verification.completed']);
  receiver.answer('/down', [503], { always: true });
  const v = await newVerification();
  const log = await waitForLog(hook.id, (d) => d.status === 'failed', 20_000);
  expect(log).toMatchObject({
    status: 'failed',
    attempts: 3,
    lastStatusCode: 503,
    lastError: 'the receiver answered 503',
    deliveredAt: null,
  });

  expect((await call(stack, 'DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(204);
  expect((await call(stack, 'DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(404);
  expect((await call(stack, 'GET', '/api/v1/webhooks')).body.items.map((w: { id: string }) => w.id)).not.toContain(hook.id);
  const sent = receiver.received.filter((r) => r.path === '/down').length;
  await call(stack, 'POST', `/api/v1/verifications/${v.id}/cancel`);
  await waitForVerification(stack, v.id, ['cancelled']);
  await receiver.waitFor(isEvent('/all', 'verification.completed', v.id));
  expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(sent);
  // The log of a deleted subscription stays readable for audit.
  expect((await call(stack, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).body.items).toHaveLength(1);
  expect((await call(stack, 'GET', `/api/v1/webhooks/not-a-uuid/deliveries`)).status).toBe(404);
});

async function waitForLog(webhookId: string, predicate: (d: any) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(stack, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`);
    expect(res.status).toBe(200);
    const match = res.body.items.find(predicate);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`delivery log: ${JSON.stringify(res.body.items)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
