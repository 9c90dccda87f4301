import { ScimClient } from '../../activities/directory-sync/scim-client';
import { ScimConnector } from '../../activities/directory-sync/scim-connector';
import { syncDirectory } from '../../activities/directory-sync/sync-directory';
import { DirectoryUserEntity } from '../../core/database/entities';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type FakeScim, generateScimOrganisation, startFakeScim } from '../support/fake-scim';

/** The sync pass itself against a local SCIM peer: failures half way, email clashes, page sizes. */
let db: TestDatabase;
let scim: FakeScim;
beforeAll(async () => {
  db = await createTestDatabase();
  const org = generateScimOrganisation(230, 5);
  scim = await startFakeScim(org.users, org.groups);
});
afterAll(async () => {
  await scim?.close();
  await db?.drop();
});

const activeCount = () => db.dataSource.getRepository(DirectoryUserEntity).countBy({ active: true });

test('a pass that fails half way deactivates nobody', async () => {
  const before = await activeCount();
  scim.failWhen = (request) => request.startsWith('/scim/v2/Users?startIndex=101');
  const client = new ScimClient(scim.url, scim.token, 100);
  await expect(syncDirectory(db.dataSource, new ScimConnector(client), { startedAt: new Date() })).rejects.toThrow(
    /SCIM \/Users answered 500/,
  );
  scim.failWhen = null;
  // The first page was taken; nobody the pass did not reach lost access.
  expect(await activeCount()).toBe(before + 100);
});

test('an email another directory user already holds is reported, the rest goes on, and that user is not left on stale data', async () => {
  const [{ email }] = await db.dataSource.query(`SELECT email FROM directory_users WHERE id NOT LIKE 'scim-%' LIMIT 1`);
  scim.users = scim.users.map((u) => (u.id === 'scim-000005' ? { ...u, emails: [{ value: email.toUpperCase(), primary: true }] } : u));
  const counts = await syncDirectory(db.dataSource, new ScimConnector(new ScimClient(scim.url, scim.token, 100)), {
    startedAt: new Date(),
  });
  expect(counts.usersSeen).toBe(230);
  expect(counts.errors).toEqual([
    { id: 'scim-000005', message: expect.stringMatching(/duplicate key value violates unique constraint "directory_users_email"/) },
  ]);
  expect(counts.usersCreated).toBe(130);
  // scim-000005 could not be brought up to date, so it is treated as not seen: deactivated, never verified on old facts.
  expect(await db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: 'scim-000005' })).toMatchObject({ active: false });
  expect(await activeCount()).toBe(229);
});
