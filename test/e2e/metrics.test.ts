import { call, type Stack, startStack } from '../support/stack';

/** With RESETGATE_METRICS_TOKEN set, /metrics needs it as a bearer token, from anywhere (issue 16, item 7). */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_METRICS_TOKEN: 'scrape-token-0123456789' });
});
afterAll(async () => {
  await stack?.stop();
});

test('metrics need the token: none, an API key or a wrong token get a 401 problem; the token gets the metrics', async () => {
  for (const key of [null, stack.apiKey, 'wrong-token']) {
    const refused = await call(stack, 'GET', '/metrics', { key });
    expect(refused.status).toBe(401);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
  }
  const scraped = await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
  expect(scraped.status).toBe(200);
  expect(await scraped.text()).toMatch(/^resetgate_process_cpu_user_seconds_total /m);
});
