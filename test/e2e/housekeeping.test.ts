import { randomBytes } from 'node:crypto';
import { startHousekeeping } from '../../worker/housekeeping';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Expired sign-ins and sessions are deleted on a schedule (issue 16); live ones stay. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

test('a sweep deletes expired login attempts and day-old SSP sessions, and keeps the live ones', async () => {
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  for (const minutes of [-5, 5]) {
    await q(
      `INSERT INTO oidc_login_attempts (attempt_hash, state, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, 's', 'n', 'v', '/console/', now() + make_interval(mins => $2))`,
      [randomBytes(32), minutes],
    );
  }
  // Sessions of a verification this test does not need: the foreign key is set aside for these inserts only.
  await db.dataSource.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    for (const hours of [-25, -1, 1]) {
      await tx.query(
        `INSERT INTO ssp_sessions (verification_id, session_hash, expires_at) VALUES (gen_random_uuid(), $1, now() + make_interval(hours => $2))`,
        [randomBytes(32), hours],
      );
    }
  });
  const housekeeping = startHousekeeping(db.dataSource, 60_000);
  await housekeeping.stop();
  expect((await q(`SELECT count(*)::int AS n FROM oidc_login_attempts`))[0].n).toBe(1);
  expect((await q(`SELECT count(*)::int AS n FROM ssp_sessions`))[0].n).toBe(2);
});
