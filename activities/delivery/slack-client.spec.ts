import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackApiError, SlackClient } from './slack-client';

/** The Slack client's reading of every kind of answer, against a local server that answers as told. */
const TOKEN = 'xoxb-1-s3cretBotToken';
let server: Server;
let url: string;
let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
const seen: { path: string; authorization?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ path: req.url!, authorization: req.headers.authorization, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (seen.length = 0));

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const client = () => new SlackClient({ botToken: TOKEN, apiUrl: `${url}/` });

async function failure(promise: Promise<unknown>): Promise<SlackApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(SlackApiError);
    const error = err as SlackApiError;
    // Nothing the request carried: not the token, not the address, not the message.
    expect(error.message).not.toMatch(/s3cret|dana@example\.com|token=/);
    return error;
  }
  throw new Error('expected a SlackApiError');
}

test('answers the member, the DM channel and the message ts; every call carries the bot token as Bearer', async () => {
  answer = (req, res) => {
    const bodies: Record<string, unknown> = {
      '/api/users.lookupByEmail': { ok: true, user: { id: 'U123' } },
      '/api/conversations.open': { ok: true, channel: { id: 'D456' } },
      '/api/chat.postMessage': { ok: true, channel: 'D456', ts: '1700000000.000100' },
    };
    json(200, bodies[req.url!])(req, res);
  };
  const slack = client();
  expect(await slack.lookupUserByEmail('dana@example.com')).toBe('U123');
  expect(await slack.openDirectMessage('U123')).toBe('D456');
  expect(await slack.postMessage({ channel: 'D456', text: 'hi', blocks: [] })).toBe('1700000000.000100');
  expect(seen.map((s) => [s.path, s.authorization])).toEqual([
    ['/api/users.lookupByEmail', `Bearer ${TOKEN}`],
    ['/api/conversations.open', `Bearer ${TOKEN}`],
    ['/api/chat.postMessage', `Bearer ${TOKEN}`],
  ]);
  expect(seen[0].body).toBe('email=dana%40example.com');
  expect(JSON.parse(seen[2].body)).toEqual({ channel: 'D456', text: 'hi', blocks: [], unfurl_links: false, unfurl_media: false });
});

test('200 with ok: false is a failure with Slack’s word; users_not_found and invalid_auth are final', async () => {
  answer = json(200, { ok: false, error: 'users_not_found' });
  expect(await failure(client().lookupUserByEmail('dana@example.com'))).toMatchObject({
    method: 'users.lookupByEmail',
    code: 'users_not_found',
    retryable: false,
    message: 'Slack users.lookupByEmail failed: users_not_found',
  });
  answer = json(200, { ok: false, error: 'invalid_auth' });
  expect(await failure(client().openDirectMessage('U1'))).toMatchObject({ code: 'invalid_auth', retryable: false });
});

test('Slack’s own outages (internal_error, fatal_error, service_unavailable, ratelimited) are worth another attempt', async () => {
  for (const error of ['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']) {
    answer = json(200, { ok: false, error });
    expect(await failure(client().postMessage({ channel: 'D1', text: 'x', blocks: [] }))).toMatchObject({ code: error, retryable: true });
  }
});

test('429 is retryable with its Retry-After in seconds; one second when the header is missing or odd', async () => {
  answer = json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' });
  expect(await failure(client().postMessage({ channel: 'D1', text: 'x', blocks: [] }))).toMatchObject({
    code: 'ratelimited',
    retryable: true,
    retryAfterSeconds: 7,
  });
  answer = json(429, {});
  expect(await failure(client().lookupUserByEmail('dana@example.com'))).toMatchObject({ retryable: true, retryAfterSeconds: 1 });
  answer = json(429, {}, { 'retry-after': 'soon' });
  expect((await failure(client().lookupUserByEmail('dana@example.com'))).retryAfterSeconds).toBe(1);
});

test('5xx and an answer that is not JSON are retried; another status is final; a redirect is not followed', async () => {
  answer = json(503, { ok: false });
  expect(await failure(client().openDirectMessage('U1'))).toMatchObject({ code: 'http_503', retryable: true });
  answer = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>gateway</html>');
  };
  expect(await failure(client().openDirectMessage('U1'))).toMatchObject({ code: 'bad_response', retryable: true });
  answer = json(404, { ok: false, error: 'unknown_method' });
  expect(await failure(client().openDirectMessage('U1'))).toMatchObject({ code: 'http_404', retryable: false });
  answer = (_req, res) => {
    res.writeHead(302, { location: `${url}/elsewhere` });
    res.end();
  };
  expect(await failure(client().openDirectMessage('U1'))).toMatchObject({ code: 'http_302', retryable: false });
  expect(seen.map((s) => s.path)).not.toContain('/api/elsewhere');
});

test('an answer without what was asked for, or an error word that is not one, is named plainly', async () => {
  answer = json(200, { ok: true });
  expect(await failure(client().lookupUserByEmail('dana@example.com'))).toMatchObject({ code: 'bad_response', retryable: false });
  answer = json(200, { ok: false, error: `token=${'x'.repeat(10)} <script>` });
  expect(await failure(client().lookupUserByEmail('dana@example.com'))).toMatchObject({ code: 'unknown_error', retryable: false });
});

test('no connection is a network failure, retryable', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const slack = new SlackClient({ botToken: TOKEN, apiUrl: `http://127.0.0.1:${port}` });
  expect(await failure(slack.lookupUserByEmail('dana@example.com'))).toMatchObject({ code: 'network', retryable: true });
});
