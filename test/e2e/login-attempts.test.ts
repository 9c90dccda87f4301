import { randomBytes } from 'node:crypto';
import { roomForLoginAttempt } from '../../api/auth/sso/login-attempts';
import { OidcLoginAttemptEntity } from '../../core/database/entities';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Sign-ins in flight are bounded (issue 16, item 5): expired ones are removed, live ones capped. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function attempts(count: number, expiresInMs: number): Promise<void> {
  const rows = Array.from({ length: count }, () => ({
    attemptHash: randomBytes(32),
    state: 's',
    nonce: 'n',
    codeVerifier: 'v',
    returnTo: '/console/',
    expiresAt: new Date(Date.now() + expiresInMs),
  }));
  await db.dataSource.getRepository(OidcLoginAttemptEntity).insert(rows);
}

test('expired attempts are deleted when a new one starts, and live ones are capped', async () => {
  await attempts(50, -60_000);
  await attempts(3, 600_000);
  expect(await roomForLoginAttempt(db.dataSource, 4)).toBe(true);
  expect(await db.dataSource.getRepository(OidcLoginAttemptEntity).count()).toBe(3);
  await attempts(1, 600_000);
  expect(await roomForLoginAttempt(db.dataSource, 4)).toBe(false);
});
