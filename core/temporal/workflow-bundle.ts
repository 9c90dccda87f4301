import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root';

/** Where `npm run build` writes the pre-built workflow bundle that production workers load. */
export const WORKFLOW_BUNDLE_PATH = join(repoRoot(), 'dist', 'workflow-bundle.js');

/** The workflows' sources, for bundling (the build step, and checkouts without a bundle). */
export const WORKFLOWS_PATH = require.resolve('../../workflows');

/**
 * The current workflow code for a worker or a replayer: the built bundle when there is one, the
 * sources otherwise (bundled at start).
 */
export function workflowCode(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  return existsSync(WORKFLOW_BUNDLE_PATH) ? { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } } : { workflowsPath: WORKFLOWS_PATH };
}
