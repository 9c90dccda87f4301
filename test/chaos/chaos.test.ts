import { failures, renderDetails, renderTable } from './report';
import { FULL_RUN, runChaos } from './run';

/**
 * CI's small chaos run (docs/chaos.md): 24 flows in flight while the worker, then PostgreSQL, is
 * killed with SIGKILL and restarted; then the invariants. Its own PostgreSQL cluster, Temporal dev
 * server, API and worker, built from dist/ like the e2e suites.
 */
test('flows in flight survive a worker kill and a PostgreSQL kill with every invariant held', async () => {
  const results = await runChaos({
    ...FULL_RUN,
    flows: 24,
    faults: ['worker', 'postgres'],
    rampMs: 3000,
    faultAtMs: 5000,
    downMs: 8000,
    lifetimes: { linkLifetimeSeconds: 40, sessionLifetimeSeconds: 40, approvalWindowSeconds: 30 },
    retryBudgetMs: 35_000,
    graceMs: 15_000,
    log: () => {},
  });
  console.log(`${renderTable(results)}\n${renderDetails(results)}`);

  expect(results.flatMap(failures)).toEqual([]);
  for (const result of results) {
    // The run did what it claims: every kind of ending happened, and the system came back.
    expect(result.server.verifications).toBeGreaterThanOrEqual(24);
    expect(result.server.outcomes).toMatchObject({ passed: expect.any(Number), failed: expect.any(Number), timed_out: expect.any(Number) });
    expect(result.recoveryMs).not.toBeNull();
  }
}, 300_000);
