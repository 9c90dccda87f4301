import { call, type Stack, startStack } from '../support/stack';

/**
 * Limits come from configuration, and X-Forwarded-For is not believed unless TRUST_PROXY says
 * whose (issue 16, item 6: rotating the header passed 25 of 25 starts from one machine).
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_SSP_STARTS_PER_IP_PER_MINUTE: '3', RESETGATE_LINKS_PER_AGENT_PER_MINUTE: '2' });
});
afterAll(async () => {
  await stack?.stop();
});

test('a new X-Forwarded-For on every start does not make a new client: the fourth start is a 429', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const started = await call(stack, 'POST', '/api/v1/ssp/sessions', {
      key: null,
      body: { token: `no-such-token-${i}` },
      headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
    });
    statuses.push(started.status);
  }
  expect(statuses).toEqual([404, 404, 404, 429]);
});

test('the per-agent link limit is the configured one', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    statuses.push(
      (
        await call(stack, 'POST', '/api/v1/verifications', {
          body: { user: 'nobody@example.com', channel: 'sms', destination: '+447700900123', reason: 'password_reset' },
        })
      ).status,
    );
  }
  expect(statuses).toEqual([422, 422, 429]);
});
