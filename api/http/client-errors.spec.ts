import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerClientErrors } from './client-errors';

/** Sends raw bytes and reads until the server closes: what a client would see, resets included. */
function exchange(port: number, request: string): Promise<{ text: string; reset: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => resolve({ text, reset: true }));
    socket.on('end', () => resolve({ text, reset: false }));
    socket.write(request);
  });
}

function bodyOf(response: string): Record<string, unknown> {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('headers over the limit: a 431 with a problem body', async () => {
  const { text } = await exchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  expect(text).toMatch(/^HTTP\/1\.1 431 /);
  expect(text).toContain('Content-Type: application/problem+json');
  expect(bodyOf(text)).toMatchObject({ type: 'https://resetgate.dev/problems/headers-too-large', status: 431 });
});

test('a 1 MB query string: the same 431, read by the client rather than a reset connection', async () => {
  const { text, reset } = await exchange(port, `GET /?q=${'b'.repeat(1_000_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  expect(reset).toBe(false);
  expect(text).toMatch(/^HTTP\/1\.1 431 /);
  expect(bodyOf(text)).toMatchObject({ status: 431 });
});

test('a request that is not HTTP: a 400 with a problem body', async () => {
  const { text } = await exchange(port, 'HELLO THERE\r\n\r\n');
  expect(text).toMatch(/^HTTP\/1\.1 400 /);
  expect(bodyOf(text)).toMatchObject({ type: 'https://resetgate.dev/problems/malformed-request', status: 400 });
});
