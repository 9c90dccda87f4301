import type { AddressInfo } from 'node:net';
import express from 'express';
import { requestDeadline } from './request-deadline';

/** Far apart, so a loaded machine cannot blur which answered: the deadline, or the slow handler. */
const DEADLINE_MS = 200;
const HANDLER_MS = 2_000;

/** A real express server on 127.0.0.1: a slow handler, a fast one, and a stream. */
async function serve(): Promise<{ url: string; late: string[]; close: () => Promise<void> }> {
  const late: string[] = [];
  const app = express();
  app.use(requestDeadline(DEADLINE_MS));
  const slow = (path: string) => (_req: express.Request, res: express.Response) =>
    setTimeout(() => {
      if (res.headersSent) late.push(path);
      else res.json({ done: true });
    }, HANDLER_MS);
  app.get('/api/v1/slow', slow('/api/v1/slow'));
  app.get('/api/v1/fast', (_req, res) => res.json({ done: true }));
  app.get('/api/v1/exports/audit-events', slow('/api/v1/exports/audit-events'));
  app.get('/ssp/', slow('/ssp/'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, late, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the request deadline', () => {
  it('answers a call still running at the deadline with a retryable 503 problem, and drops its late result', async () => {
    const { url, late, close } = await serve();
    const began = Date.now();
    const res = await fetch(`${url}/api/v1/slow`);
    expect(Date.now() - began).toBeLessThan(HANDLER_MS - 500);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ type: 'https://resetgate.dev/problems/still-working', status: 503 });
    await new Promise((resolve) => setTimeout(resolve, HANDLER_MS));
    expect(late).toEqual(['/api/v1/slow']);
    await close();
  });

  it('leaves fast calls, streams and pages outside the API alone', async () => {
    const { url, close } = await serve();
    expect((await fetch(`${url}/api/v1/fast`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/exports/audit-events`)).status).toBe(200);
    expect((await fetch(`${url}/ssp/`)).status).toBe(200);
    await close();
  });
});
