import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type AppProcess, appEnv, exitWithin, startProcess, UNCLEAN_OUTPUT, waitForOk } from './app-processes';

/**
 * SIGTERM stops each process in order: no new connections, the request in flight still gets its
 * answer, a live-status stream is ended, the worker leaves readiness and drains, the connections
 * close, and the process exits 0 with nothing uncaught on its output.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** A POST whose body arrives in two halves: the request is in flight until `finish()` sends the rest. */
function halfSentPost(base: string, path: string, key: string, body: unknown) {
  const text = JSON.stringify(body);
  const cut = Math.floor(text.length / 2);
  const url = new URL(path, base);
  const req = request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let received = '';
      res.on('data', (chunk: Buffer) => (received += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: received }));
    });
    req.on('error', reject);
  });
  req.write(text.slice(0, cut));
  req.flushHeaders();
  return { answer, finish: () => req.end(text.slice(cut)) };
}

test('SIGTERM to the API and the worker: the in-flight request is answered, both exit 0, nothing uncaught', async () => {
  const env = await appEnv(db);
  const base = `http://127.0.0.1:${env.PORT}`;
  const key = env.RESETGATE_BOOTSTRAP_API_KEY;
  const api = startProcess('api/main.js', env);
  const worker = startProcess('worker/main.js', env);
  await waitForOk(`${base}/health/ready`, api);

  const events = await fetch(`${base}/api/v1/verifications/events`, { headers: { authorization: `Bearer ${key}` } });
  expect(events.status).toBe(200);
  const stream = events.body!.getReader();
  await stream.read(); // the first bytes: the stream is open

  const [user] = await db.dataSource.query(`SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL LIMIT 1`);
  const inFlight = halfSentPost(base, '/api/v1/verifications', key, {
    user: user.email,
    channel: 'sms',
    destination: user.mobile_phone,
    reason: 'account_unlock',
  });
  await new Promise((resolve) => setTimeout(resolve, 200)); // the API has the headers and waits for the body

  const signalledAt = Date.now();
  api.child.kill('SIGTERM');
  worker.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  await expect(fetch(`${base}/health/live`)).rejects.toThrow(); // no new connections
  inFlight.finish();

  const answered = await inFlight.answer;
  expect(answered.status).toBe(201);
  const verificationId = JSON.parse(answered.body).id;
  expect((await stream.read()).done).toBe(true); // ended by the stop, not cut: the browser reconnects elsewhere

  expect(await exitWithin(api, 15_000, 'the API')).toEqual({ code: 0, signal: null });
  expect(await exitWithin(worker, 30_000, 'the worker')).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalledAt).toBeLessThan(30_000);
  for (const [name, output] of [
    ['API', api.stderr() + api.stdout()],
    ['worker', worker.stderr() + worker.stdout()],
  ]) {
    expect({ name, unclean: output.match(UNCLEAN_OUTPUT)?.[0] }).toEqual({ name, unclean: undefined });
  }
  // The verification the request created is in the database: its transaction committed before the stop.
  expect(await db.dataSource.query(`SELECT id FROM verifications WHERE id = $1`, [verificationId])).toHaveLength(1);
  expect(await db.dataSource.query(`SELECT * FROM worker_heartbeats WHERE task_queue = $1`, [env.TEMPORAL_TASK_QUEUE])).toEqual([]);
}, 120_000);

test('SIGTERM to `npm start` (API and worker in one process) stops both in order and exits 0', async () => {
  const env = await appEnv(db, { RESETGATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'resetgate-start-')) });
  const base = `http://127.0.0.1:${env.PORT}`;
  const start: AppProcess = startProcess('dev/start.js', env);
  await waitForOk(`${base}/health/ready`, start);
  const [user] = await db.dataSource.query(`SELECT email FROM directory_users OFFSET 1 LIMIT 1`);
  const inFlight = halfSentPost(base, '/api/v1/verifications', env.RESETGATE_BOOTSTRAP_API_KEY, {
    user: user.email,
    channel: 'email',
    destination: 'someone.private@personal.test',
    reason: 'password_reset',
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  start.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  inFlight.finish();
  expect((await inFlight.answer).status).toBe(201);
  expect(await exitWithin(start, 30_000, 'npm start')).toEqual({ code: 0, signal: null });
  expect(start.stdout()).toContain('ResetGate stopped.');
  expect(start.stderr() + start.stdout()).not.toMatch(UNCLEAN_OUTPUT);
}, 120_000);
