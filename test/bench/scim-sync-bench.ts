import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ScimClient } from '../../activities/directory-sync/scim-client';
import { ScimConnector } from '../../activities/directory-sync/scim-connector';
import { syncDirectory } from '../../activities/directory-sync/sync-directory';
import { createTestDatabase } from '../support/database';

/**
 * `npm run bench:scim -- [users]`: one SCIM sync of a synthetic organisation (10,000 users by
 * default) from a local SCIM peer in another process into a fresh database on DATABASE_URL (or
 * the local PostgreSQL). Prints the counts, the time and this process's peak memory.
 */
async function main(): Promise<void> {
  const userCount = Number(process.argv[2] ?? 10_000);
  const peer = fork(join(__dirname, 'fake-scim-process.js'), [String(userCount)], { stdio: 'inherit' });
  const scim = await new Promise<{ url: string; token: string; users: number; groups: number }>((resolve) =>
    peer.once('message', resolve as never),
  );
  const db = await createTestDatabase();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  const rssBefore = process.memoryUsage().rss;
  try {
    const started = performance.now();
    const counts = await syncDirectory(db.dataSource, new ScimConnector(new ScimClient(scim.url, scim.token, 100)), {
      startedAt: new Date(),
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(`SCIM sync of ${scim.users} users and ${scim.groups} groups`);
    console.log(
      `  seen ${counts.usersSeen}, created ${counts.usersCreated}, updated ${counts.usersUpdated}, deactivated ${counts.usersDeactivated}, errors ${counts.errors.length}`,
    );
    console.log(`  time        ${seconds.toFixed(1)} s (${Math.round(counts.usersSeen / seconds)} users/s)`);
    console.log(`  peak RSS    ${mb(process.resourceUsage().maxRSS * 1024)} (${mb(rssBefore)} before the sync)`);
    console.log(`  peak heap   ${mb(peakHeap)}`);
  } finally {
    clearInterval(sampler);
    await db.drop();
    peer.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
