import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../core/temporal/data-converter';
import { startTemporalDevServer } from '../../dev/temporal-dev-server';

/**
 * One real Temporal dev server and one workflow bundle for the whole run: every suite connects
 * to the server with its own task queue, and workers load the bundle instead of re-bundling.
 */
export default async function globalSetup(): Promise<void> {
  const env = await startTemporalDevServer();
  (globalThis as Record<string, unknown>).__RESETGATE_TEMPORAL__ = env;
  process.env.TEMPORAL_ADDRESS = env.address;

  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  const dir = mkdtempSync(join(tmpdir(), 'resetgate-test-'));
  process.env.RESETGATE_WORKFLOW_BUNDLE = join(dir, 'workflow-bundle.js');
  writeFileSync(process.env.RESETGATE_WORKFLOW_BUNDLE, code);
}
