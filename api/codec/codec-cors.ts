import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_BASE, PROBLEMS } from '../common/problem';

/**
 * CORS for the Temporal Web UI, which calls the codec endpoint from the browser with credentials
 * (a session cookie or its Authorization header). Credentials rule out a wildcard: only the
 * configured origins are echoed back. A preflight needs no credentials, so it is answered here,
 * before authentication.
 */
export function codecCors(allowedOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    const allowed = origin !== undefined && allowedOrigins.includes(origin);
    res.vary('Origin');
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (!allowed) {
      const { slug, title, status } = PROBLEMS.originNotAllowed;
      res
        .status(status)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: PROBLEM_BASE + slug,
            title,
            status,
            detail: `Add the Temporal UI's origin to RESETGATE_CODEC_CORS_ORIGINS (now: ${allowedOrigins.join(', ') || 'none'}).`,
            instance: req.originalUrl.split('?')[0],
          }),
        );
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
