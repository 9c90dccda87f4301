import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { TemporalCalls } from './temporal-calls';

/** A Temporal address nobody answers on: every attempt fails UNAVAILABLE, which the client retries on a timer. */
const NOBODY = '127.0.0.1:9';

test('a call waiting between retries counts as running until its final status, deadline included', async () => {
  const calls = new TemporalCalls();
  const connection = Connection.lazy({
    address: NOBODY,
    interceptors: [calls.interceptor, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
  });
  const call = connection.withDeadline(Date.now() + 1_500, () => connection.workflowService.getSystemInfo({}));
  const outcome = call.then(
    () => 'answered',
    (err: Error) => err.message,
  );
  await new Promise((resolve) => setTimeout(resolve, 400)); // past the first failed attempt: now waiting to retry
  expect(calls.inFlight).toBe(1);
  expect(await calls.idle(100)).toBe(false);

  expect(await calls.idle(5_000)).toBe(true);
  expect(calls.inFlight).toBe(0);
  expect(await outcome).toMatch(/DEADLINE_EXCEEDED|deadline/i);
  await connection.close();
}, 15_000);

test('idle at once when nothing runs', async () => {
  expect(await new TemporalCalls().idle(0)).toBe(true);
});
