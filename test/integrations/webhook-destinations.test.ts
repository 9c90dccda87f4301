import { call, type Stack, startStack } from '../support/stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Webhook URLs and server-side request forgery, with the default settings (no
 * RESETGATE_WEBHOOK_ALLOW_PRIVATE): internal destinations are refused when subscribing, and again
 * when delivering, since a name can resolve elsewhere later.
 */
let stack: Stack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startStack({ RESETGATE_WEBHOOK_RETRY_INITIAL_SECONDS: '1', RESETGATE_WEBHOOK_MAX_ATTEMPTS: '3' });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const count = async (table: string, where = 'true') =>
  Number((await stack.db.dataSource.query(`SELECT count(*) FROM ${table} WHERE ${where}`))[0].count);

test('loopback, private, link-local and metadata destinations get a 422 problem, and nothing is stored', async () => {
  const port = new URL(receiver.url).port;
  const refusals: [url: string, detail: RegExp][] = [
    [`http://127.0.0.1:${port}/hook`, /^127\.0\.0\.1 is a loopback address\. Webhooks go to public addresses only/],
    [
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      /169\.254\.169\.254 is a link-local \(the cloud metadata service\) address/,
    ],
    [`http://localhost:${port}/hook`, /^localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ['https://[::1]/hook', /^::1 is a loopback address/],
    ['https://[::ffff:169.254.169.254]/hook', /^::ffff:a9fe:a9fe is a link-local address/],
    ['https://10.20.30.40/hook', /^10\.20\.30\.40 is a private address/],
    ['https://[fd00:ec2::254]/latest/meta-data/', /^fd00:ec2::254 is a private \(the cloud metadata service\) address/],
    ['http://0.0.0.0:8080/hook', /^0\.0\.0\.0 is an unspecified address/],
    ['https://receiver.invalid/hook', /^receiver\.invalid does not resolve \(ENOTFOUND\): check the URL\.$/],
  ];
  for (const [url, detail] of refusals) {
    const res = await call(stack, 'POST', '/api/v1/webhooks', { body: { url } });
    expect({ url, status: res.status }).toEqual({ url, status: 422 });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://resetgate.dev/problems/webhook-destination-refused', status: 422 });
    expect(res.body.detail).toMatch(detail);
  }
  expect(await count('webhook_subscriptions')).toBe(0);
  expect(await count('audit_events', `action = 'webhook.created'`)).toBe(0);
});

test('a subscribed name that now resolves to an internal address is refused at delivery, and logged as failed', async () => {
  // A subscription made while its name resolved publicly; since then its DNS points inside (here,
  // localhost: the system resolver answers 127.0.0.1 from /etc/hosts, as it would a changed record).
  const [{ id }] = await stack.db.dataSource.query(
    `INSERT INTO webhook_subscriptions (url, events, secret, created_by)
     VALUES ($1, '{verification.created}', 'whsec_rebound', 'apikey:bootstrap') RETURNING id`,
    [`http://localhost:${new URL(receiver.url).port}/rebound`],
  );
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL AND active ORDER BY id LIMIT 1`,
  );
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);

  const deadline = Date.now() + 20_000;
  let log: Record<string, unknown> | undefined;
  while (!log && Date.now() < deadline) {
    const res = await call(stack, 'GET', `/api/v1/webhooks/${id}/deliveries`);
    log = res.body.items.find((d: { status: string }) => d.status === 'failed');
    if (!log) await new Promise((r) => setTimeout(r, 200));
  }
  expect(log).toMatchObject({
    eventType: 'verification.created',
    verificationId: created.body.id,
    status: 'failed',
    // Refused at once: retrying would be refused alike.
    attempts: 1,
    lastStatusCode: null,
    lastError: expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/),
    deliveredAt: null,
  });
  expect(receiver.received.filter((r) => r.path === '/rebound')).toEqual([]);
});
