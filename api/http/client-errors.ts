import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_BASE } from '../common/problem';

const QUIET_MS = 100;
const DRAIN_LIMIT_MS = 3_000;

/**
 * Requests Node refuses before any middleware runs (headers or a URL over its 16 kB limit, a
 * malformed request line) get a problem+json answer like every other error: Node's own 431 had
 * an empty body, and a 1 MB query string ended in a reset connection.
 */
export function answerClientErrors(server: Server): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (answered.has(socket)) return; // the rest of the same refused request
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    answered.add(socket);
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      type: PROBLEM_BASE + (tooLarge ? 'headers-too-large' : 'malformed-request'),
      title: tooLarge ? 'The request headers or URL are too large' : 'The request is not valid HTTP',
      status,
      detail: tooLarge ? 'Keep the URL and headers under 16 kB together; send large data in the body.' : 'Send a valid HTTP/1.1 request.',
    });
    const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    // Answer, then read what the client is still sending before closing: closing on unread data resets the
    // connection, and the client never reads the answer. Bounded: a client that never stops is cut off.
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
    let quiet = setTimeout(() => socket.end(), QUIET_MS);
    socket.on('data', () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => socket.end(), QUIET_MS);
    });
    socket.resume();
    setTimeout(() => socket.destroy(), DRAIN_LIMIT_MS).unref();
  });
}
