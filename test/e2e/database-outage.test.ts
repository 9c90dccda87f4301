import { BASE_DATABASE_URL } from '../support/database';
import { call, type Stack, startStack } from '../support/stack';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * PostgreSQL stopped or paused under a running API (issue 12): every request answers within 5 s,
 * as a 503 problem with Retry-After, never a 500 or a hang; and the API serves again by itself
 * once the database is back. The stack reaches PostgreSQL through a proxy the test can break.
 */
let stack: Stack;
let proxy: TcpProxy;
beforeAll(async () => {
  proxy = await TcpProxy.start(Number(new URL(BASE_DATABASE_URL).port || 5432));
  stack = await startStack({}, { databasePort: proxy.port });
});
afterAll(async () => {
  await proxy?.resume();
  await stack?.stop();
  await proxy?.close();
});

const requests = () => [
  call(stack, 'GET', '/api/v1/verifications?limit=5'),
  call(stack, 'POST', '/api/v1/ssp/sessions', { key: null, body: { token: 'no-such-token-0123456789' } }),
  call(stack, 'GET', '/api/v1/directory/users?q=smith'),
];

async function expectAllUnavailable(): Promise<void> {
  const began = Date.now();
  const answers = await Promise.all(requests());
  const elapsed = Date.now() - began;
  for (const answer of answers) {
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 503 });
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body.type).toBe('https://resetgate.dev/problems/database-unavailable');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  expect(elapsed).toBeLessThan(5_000);
}

async function expectServingWithin(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await call(stack, 'GET', '/api/v1/verifications?limit=5');
    if (answer.status === 200) return;
    expect(answer.status).toBe(503);
    if (Date.now() > deadline) throw new Error(`still ${answer.status} ${JSON.stringify(answer.body)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('a paused PostgreSQL: 503s with Retry-After within 5 s, then service again on resume', async () => {
  expect((await call(stack, 'GET', '/api/v1/verifications?limit=5')).status).toBe(200);
  proxy.pause();
  await expectAllUnavailable();
  proxy.resume();
  await expectServingWithin(10_000);
}, 60_000);

test('a stopped PostgreSQL: 503s with Retry-After within 5 s, then service again when it is back', async () => {
  await proxy.cut();
  await expectAllUnavailable();
  const ready = await call(stack, 'GET', '/health/ready', { key: null });
  expect(ready.status).toBe(503);
  expect(JSON.stringify(ready.body)).toMatch(/database/);
  await proxy.restore();
  await expectServingWithin(10_000);
}, 60_000);

test('a create whose client hung up while the database was slow sends no link and leaves no verification', async () => {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users WHERE active AND mobile_phone IS NOT NULL ORDER BY id OFFSET 5 LIMIT 1`,
  );
  const before = Number((await stack.db.dataSource.query(`SELECT count(*) AS n FROM verifications`))[0].n);
  proxy.pause();
  const gaveUp = new AbortController();
  const sent = fetch(`${stack.baseUrl}/api/v1/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' }),
    signal: gaveUp.signal,
  }).catch((err: Error) => err.name);
  await new Promise((resolve) => setTimeout(resolve, 500));
  gaveUp.abort();
  expect(await sent).toBe('AbortError');
  proxy.resume();
  await expectServingWithin(10_000);
  // Time for the abandoned request to have got as far as it would.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = Number((await stack.db.dataSource.query(`SELECT count(*) AS n FROM verifications`))[0].n);
  expect(after).toBe(before);
}, 60_000);
