import type { NextFunction, Request, Response } from 'express';
import { TWILIO_STATUS_PATH } from '../../core/delivery/twilio-callback';

/** The only endpoints that take form bodies: callbacks whose format a provider decides. */
export const FORM_BODY_PATHS = [TWILIO_STATUS_PATH];

/**
 * Headers for every response. The SSP and console get a strict CSP with no third-party origin;
 * `no-referrer` keeps any URL from leaking to another site.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (req.path.startsWith('/api/docs')) {
    // Swagger UI needs inline scripts and styles; it serves no user data.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    );
  } else {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  }
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
}

/** A body that is not JSON is refused before it is parsed: 415, not a confusing validation error. */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const formAllowed = FORM_BODY_PATHS.includes(req.path) && req.is('application/x-www-form-urlencoded');
  if (hasBody && req.method !== 'GET' && !req.is('application/json') && !formAllowed) {
    res
      .status(415)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'https://resetgate.dev/problems/unsupported-media-type',
          title: 'Send application/json',
          status: 415,
          detail: 'Request bodies must be application/json.',
          instance: req.originalUrl.split('?')[0],
        }),
      );
    return;
  }
  next();
}
