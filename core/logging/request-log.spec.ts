import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { requestLogOptions } from './request-log';

/** The request logger's real middleware on a real HTTP server, its lines caught in memory. */
let server: Server;
let base: string;
const lines: Record<string, any>[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pinoHttp(requestLogOptions('info'), sink);
  server = createServer((req, res) => log(req, res, () => res.writeHead(req.url?.startsWith('/missing') ? 404 : 200).end('{}')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => lines.splice(0));

const SECRETS = ['Bearer rg_secret_key', 'rg_session=cookie-secret', 'SecretBrowser/1.0', 'patel', 'oidc-code-secret', 'oidc-state-secret'];

async function logged(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ line: Record<string, any>; raw: string; res: Response }> {
  const res = await fetch(`${base}${path}`, { headers });
  await res.text();
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines).toHaveLength(1);
  return { line: lines[0], raw: JSON.stringify(lines[0]), res };
}

test('a request line has the id, method, path without the query, status and time, and no header', async () => {
  const { line, raw, res } = await logged('/api/v1/directory/users?q=patel&code=oidc-code-secret&state=oidc-state-secret', {
    authorization: SECRETS[0],
    cookie: SECRETS[1],
    'user-agent': SECRETS[2],
  });
  expect(line.req).toEqual({ id: res.headers.get('x-request-id'), method: 'GET', path: '/api/v1/directory/users' });
  expect(line.res).toEqual({ statusCode: 200 });
  expect(typeof line.responseTime).toBe('number');
  for (const secret of SECRETS) expect(raw).not.toContain(secret);
  expect(raw).not.toMatch(/headers|user-agent|remoteAddress|remotePort|query/i);
});

test('a status the request did not succeed with is logged the same way', async () => {
  const { line } = await logged('/missing/thing?q=patel');
  expect(line.req.path).toBe('/missing/thing');
  expect(line.res).toEqual({ statusCode: 404 });
});

test('a well-formed request id from a proxy is kept; anything else is replaced', async () => {
  const kept = await logged('/x', { 'x-request-id': 'lb-1234.abcd' });
  expect(kept.line.req.id).toBe('lb-1234.abcd');
  expect(kept.res.headers.get('x-request-id')).toBe('lb-1234.abcd');
  lines.splice(0);
  const replaced = await logged('/x', { 'x-request-id': '{"injected":"json"}' });
  expect(replaced.line.req.id).toMatch(/^[0-9a-f-]{36}$/);
});

test('health probes are not logged', async () => {
  await (await fetch(`${base}/health/ready?verbose=1`)).text();
  await (await fetch(`${base}/health/live`)).text();
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines).toEqual([]);
});
