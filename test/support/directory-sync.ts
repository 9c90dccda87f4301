import { call, type Stack } from './stack';

/** Starts a directory sync as an admin would and waits for its report to leave `running`. */
export async function syncDirectoryNow(stack: Stack, timeoutMs = 30_000) {
  const started = await call(stack, 'POST', '/api/v1/directory/syncs');
  if (started.status !== 202) throw new Error(`sync not started: ${started.status} ${JSON.stringify(started.body)}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reports = await call(stack, 'GET', '/api/v1/directory/syncs?limit=5');
    const report = reports.body.items.find((r: { id: string }) => r.id === started.body.id);
    if (report && report.status !== 'running') return report;
    if (Date.now() > deadline) throw new Error(`sync still ${report?.status ?? 'not started'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
