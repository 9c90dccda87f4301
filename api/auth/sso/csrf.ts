import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ProblemException } from '../../common/problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/**
 * A cookie-authenticated change must carry the session's CSRF token in X-CSRF-Token (a header
 * another site cannot set), and, when the browser says where it came from, come from our origin.
 */
export function requireCsrf(req: Request, expectedToken: string, publicUrl: string): void {
  const origin = req.headers.origin;
  if (origin && origin !== new URL(publicUrl).origin) {
    throw new ProblemException('csrfFailed', `Requests from ${origin} are not accepted.`);
  }
  const sent = Buffer.from(String(req.headers['x-csrf-token'] ?? ''));
  const expected = Buffer.from(expectedToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw new ProblemException('csrfFailed', 'Send the X-CSRF-Token header the console session gave you.');
  }
}
