import { WORKER_HEARTBEAT_MAX_AGE_SECONDS } from '../../api/health/worker.health';
import { WorkerHeartbeatEntity } from '../../core/database/entities';
import { call, type Stack, startStack } from '../support/stack';

/**
 * Readiness follows the worker processes themselves, through their heartbeats: a killed worker
 * turns /health/ready into a 503 that names it within the bound, and a new one turns it back.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function ready() {
  const started = Date.now();
  const res = await call(stack, 'GET', '/health/ready', { key: null });
  return { ...res, ms: Date.now() - started };
}

async function waitFor(predicate: (res: Awaited<ReturnType<typeof ready>>) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await ready();
    if (predicate(res)) return res;
    if (Date.now() > deadline) throw new Error(`readiness still ${res.status} after ${timeoutMs} ms: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test('ready with a worker, a 503 naming the worker once it is killed, ready again with a new one', async () => {
  const up = await ready();
  expect(up.status).toBe(200);
  expect(up.body.info).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' }, worker: { status: 'up', workers: 1 } });
  const [beat] = await stack.db.dataSource.getRepository(WorkerHeartbeatEntity).findBy({ taskQueue: stack.taskQueue });
  expect(beat).toMatchObject({ pid: expect.any(Number), host: expect.any(String) });

  await stack.killWorker('SIGKILL'); // no goodbye: its row stays and has to age out
  const killedAt = Date.now();
  const down = await waitFor((res) => res.status !== 200, (WORKER_HEARTBEAT_MAX_AGE_SECONDS + 5) * 1000);
  expect(Date.now() - killedAt).toBeGreaterThan(1000); // the row was not removed: the bound did it
  expect(down.status).toBe(503);
  expect(down.contentType).toContain('application/problem+json');
  expect(down.headers.get('retry-after')).toBeTruthy();
  expect(down.body.checks.error).toEqual({
    worker: {
      status: 'down',
      message: expect.stringMatching(new RegExp(`no live worker on task queue ${stack.taskQueue}`)),
      responseTime: expect.any(Number),
    },
  });
  expect(down.body.checks.info).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
  expect(down.ms).toBeLessThan(2_500);

  await stack.startWorker(); // waits for readiness itself
  const again = await ready();
  expect(again.status).toBe(200);
  expect(again.body.info.worker).toMatchObject({ status: 'up', workers: 1 });
}, 120_000);

test('a worker stopped with SIGTERM removes its heartbeat: readiness says so at once, not after the bound', async () => {
  expect((await ready()).status).toBe(200);
  const heartbeats = stack.db.dataSource.getRepository(WorkerHeartbeatEntity);
  const live = await heartbeats.query(
    `SELECT worker_id FROM worker_heartbeats WHERE task_queue = $1 AND beat_at > now() - interval '6 seconds'`,
    [stack.taskQueue],
  );
  expect(live).toHaveLength(1);
  const stoppedAt = Date.now();
  await stack.killWorker('SIGTERM');
  const down = await ready();
  expect(Date.now() - stoppedAt).toBeLessThan((WORKER_HEARTBEAT_MAX_AGE_SECONDS - 6) * 1000);
  expect(down.status).toBe(503);
  expect(down.body.checks.error.worker.message).toMatch(/no live worker on task queue/);
  expect(await heartbeats.countBy({ workerId: live[0].worker_id })).toBe(0);
  await stack.startWorker();
}, 120_000);
