import { createTestDatabase, type TestDatabase } from '../support/database';
import { type AppProcess, appEnv, exitWithin, startProcess, UNCLEAN_OUTPUT, waitForOk } from './app-processes';

/**
 * A log reader that stops reading (a pipe, a container log driver under pressure) must not stall
 * the API: logging is asynchronous, and past its bound it drops lines instead of waiting.
 */
let db: TestDatabase;
let api: AppProcess;
let base: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const env = await appEnv(db, { LOG_LEVEL: 'info' });
  base = `http://127.0.0.1:${env.PORT}`;
  api = startProcess('api/main.js', env, { readStdout: false }); // nobody reads its stdout: the pipe fills and stays full
  await waitForOk(`${base}/health/live`, api);
}, 90_000);
afterAll(async () => {
  if (api?.child.exitCode === null) api.child.kill('SIGKILL');
  api?.child.stdout?.destroy(); // paused, it would never read to its end and keep this test process alive
  await db?.drop();
});

/** Each request's line carries its long path: a few of them fill a pipe, and ~600 pass the buffer's 4 MB bound. */
const LONG = 'p'.repeat(7_000);

async function requests(count: number, concurrency: number): Promise<{ latencies: number[]; statuses: number[] }> {
  const latencies: number[] = [];
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const started = Date.now();
        const res = await fetch(`${base}/no-such-page-${i}/${LONG}?q=secret-search-term`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        latencies.push(Date.now() - started);
        statuses.push(res.status);
      }
    }),
  );
  return { latencies, statuses };
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];

test('with stdout not read, hundreds of requests all answer fast; reading again shows the lines dropped', async () => {
  const { latencies, statuses } = await requests(900, 10);
  expect(statuses.filter((status) => status !== 404)).toEqual([]);
  expect(p95(latencies)).toBeLessThan(1_000);
  const live = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(1_000) });
  expect(live.status).toBe(200);

  // The reader comes back: what the bound dropped is counted, and the lines kept carry no query string.
  let stdout = '';
  api.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!/log lines dropped/.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  expect(stdout).toMatch(/"msg":"\d+ log lines dropped: stdout was not being read"/);
  const requestLines = stdout
    .split('\n')
    .filter((line) => line.includes('no-such-page'))
    .map((line) => JSON.parse(line));
  expect(requestLines.length).toBeGreaterThan(0);
  expect(requestLines.length).toBeLessThan(900);
  expect(stdout).not.toContain('secret-search-term');
}, 120_000);

test('a stop does not wait on a stalled stdout either: the API exits 0 within the bound', async () => {
  api.child.stdout!.removeAllListeners('data');
  api.child.stdout!.pause();
  const { latencies } = await requests(100, 10); // the pipe and the buffer fill again
  expect(p95(latencies)).toBeLessThan(1_000);
  api.child.kill('SIGTERM');
  expect(await exitWithin(api, 10_000, 'the API')).toEqual({ code: 0, signal: null });
  expect(api.stderr()).not.toMatch(UNCLEAN_OUTPUT);
}, 60_000);
