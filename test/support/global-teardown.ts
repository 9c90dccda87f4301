import type { TestWorkflowEnvironment } from '@temporalio/testing';

export default async function globalTeardown(): Promise<void> {
  const env = (globalThis as Record<string, unknown>).__RESETGATE_TEMPORAL__ as TestWorkflowEnvironment | undefined;
  await env?.teardown();
}
