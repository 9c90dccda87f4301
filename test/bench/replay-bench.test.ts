import { runReplayBench } from './replay-bench';

/**
 * `npm run bench:replay` in small: real verifications with every kind of ending, then
 * `npm run replay -- --all` over them with a page size smaller than the batch, so the listing
 * must follow its continuation token to find them all.
 */
test('the replay bench seeds completed verifications and replays every one of them, paging through the list', async () => {
  const result = await runReplayBench({ count: 20, concurrency: 10, pageSize: 7 });
  expect(Object.keys(result.statuses).length).toBeGreaterThanOrEqual(5);
  expect(Object.values(result.statuses).reduce((a, b) => a + b, 0)).toBe(20);
  expect({ exitCode: result.exitCode, deterministic: result.deterministic, notDeterministic: result.notDeterministic }).toEqual({
    exitCode: 0,
    deterministic: 20,
    notDeterministic: 0,
  });
  const ids = result.output.match(/^\[\d+\/20\] ✔ deterministic {2}(verification-\S+)$/gm) ?? [];
  expect(new Set(ids).size).toBe(20);
  expect(result.output).toMatch(/^\[20\/20\] /m);
  expect(result.output).toMatch(/20 replayed in [\d.]+ s \([\d.]+\/s\): 20 deterministic, 0 not/);
}, 120_000);
