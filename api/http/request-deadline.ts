import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_BASE, PROBLEMS } from '../common/problem';
import { RETRY_AFTER_SECONDS } from '../common/problem.filter';

/**
 * The last guarantee that no API call hangs: every dependency has its own deadline (Temporal 3.5 s,
 * PostgreSQL 2–3.5 s), but a request can wait on several in turn. One still unanswered after
 * `ms` gets a 503 "still working" to retry (every call that changes something is retry-safe);
 * whatever it finishes later is dropped (the problem filter sees the answer already sent).
 * Exempt: streams, which answer at once and then stay open, and replays, which run the workflow
 * code in this process (seconds, not a dependency that may be down; the history fetch has its own deadline).
 */
export function requestDeadline(ms: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/') || EXEMPT.some((path) => path.test(req.path))) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const problem = PROBLEMS.stillWorking;
      res
        .status(problem.status)
        .set('Retry-After', String(RETRY_AFTER_SECONDS[503]))
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: PROBLEM_BASE + problem.slug,
            title: problem.title,
            status: problem.status,
            detail: 'This is taking longer than it should. Send the request again, unchanged, to get its result.',
            instance: req.originalUrl.split('?')[0],
          }),
        );
    }, ms);
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/** Live status and exports (streams), and replays (local computation). */
const EXEMPT = [/^\/api\/v1\/verifications\/events$/, /^\/api\/v1\/exports\//, /^\/api\/v1\/verifications\/[^/]+\/replay$/];
