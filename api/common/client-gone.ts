import type { Response } from 'express';
import { ProblemException } from './problem';

/**
 * Aborts when the client hangs up before its answer was sent: a request nobody waits for any
 * more should stop its work while stopping is still safe (before it commits or sends anything).
 */
export function abortedWhenClientLeaves(res: Response): AbortSignal {
  const controller = new AbortController();
  const abandon = () => controller.abort(new ProblemException('requestAbandoned', 'The client closed the connection.'));
  // Gone already, while guards or a slow database held the request before this point.
  if (res.destroyed || res.socket?.destroyed) abandon();
  // The response's 'close' (not the request's, which fires once the body is read) marks the connection going away.
  else res.once('close', () => !res.writableFinished && abandon());
  return controller.signal;
}
