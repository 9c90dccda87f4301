import type { Request, Response } from 'express';
import { bufferTime, filter, mergeMap, type Observable } from 'rxjs';

const BATCH_MS = 200;

/**
 * Writes changed verifications to a Server-Sent Events response until the client goes away or
 * its credentials stop being good (checked at each heartbeat). Changes are batched briefly so a
 * burst (answers, then the outcome) costs one read per id.
 */
export function streamVerifications<T extends { id: string }>(
  req: Request,
  res: Response,
  changedIds: Observable<string>,
  load: (ids: string[]) => Promise<T[]>,
  stillAuthenticated: () => Promise<boolean>,
  heartbeatMs: number,
): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no'); // proxies must not hold events back
  const send = (chunk: string) => {
    res.write(chunk);
    (res as Response & { flush?: () => void }).flush?.(); // through the compression middleware
  };
  send('retry: 3000\n\n');

  const subscription = changedIds
    .pipe(
      bufferTime(BATCH_MS),
      filter((ids) => ids.length > 0),
      mergeMap((ids) => load([...new Set(ids)]), 1),
    )
    .subscribe({
      next: (views) => {
        for (const view of views) send(`event: verification\nid: ${view.id}\ndata: ${JSON.stringify(view)}\n\n`);
      },
      error: () => res.end(),
      complete: () => res.end(),
    });
  const stop = () => {
    clearInterval(heartbeat);
    subscription.unsubscribe();
  };
  const heartbeat = setInterval(() => {
    void stillAuthenticated().then(
      (ok) => (ok ? send(': keep-alive\n\n') : (stop(), res.end())),
      () => undefined, // a database hiccup is not a sign-out: try again next beat
    );
  }, heartbeatMs);
  req.on('close', stop);
}
