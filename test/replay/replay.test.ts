import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

/**
 * Histories recorded from every scenario of every released workflow version must replay on the
 * current code. A change that fails here would break verifications already running: guard it
 * with `patched()` instead. Re-record with `npm run test:record-histories` (docs/changing-the-workflow.md).
 */
const FIXTURES = join(__dirname, 'fixtures');
/** One folder per workflow version: `v1/passed-reset-completed.json`, … */
const fixtures = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

test('there are fixtures for every outcome of every version', () => {
  const versions = new Set(fixtures.map((f) => f.split('/')[0]));
  expect(versions.size).toBeGreaterThanOrEqual(2);
  for (const version of versions) expect(fixtures.filter((f) => f.startsWith(`${version}/`)).length).toBeGreaterThanOrEqual(8);
});

test('every recorded history replays deterministically on the current workflow code', async () => {
  const histories = fixtures.map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: historyFromJSON(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))),
  }));
  const results = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { codePath: process.env.RESETGATE_WORKFLOW_BUNDLE! } },
    histories,
  )) {
    results.push({ workflowId: result.workflowId, error: result.error?.message });
  }
  expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
});
