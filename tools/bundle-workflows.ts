import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../core/temporal/data-converter';
import { WORKFLOW_BUNDLE_PATH, WORKFLOWS_PATH } from '../core/temporal/workflow-bundle';

/** `npm run build` step: production workers load this pre-built workflow bundle. */
async function main(): Promise<void> {
  // The failure converter goes into the bundle: workflow errors are encoded the way the worker's are.
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  mkdirSync(dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle: ${WORKFLOW_BUNDLE_PATH} (${Math.round(code.length / 1024)} kB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
