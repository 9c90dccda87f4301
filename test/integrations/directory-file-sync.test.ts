import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryUserEntity } from '../../core/database/entities';
import { syncDirectoryNow } from '../support/directory-sync';
import { type Stack, startStack } from '../support/stack';

/**
 * The same scheduled sync from a file connector: an HR export in the import format's people CSV,
 * re-read at each sync, with SCIM's rules (counts of what changed; who is gone is deactivated;
 * a broken file changes nobody).
 */
let stack: Stack;
const file = join(mkdtempSync(join(tmpdir(), 'resetgate-hr-')), 'people.csv');
const HEADER = 'id,email,displayName,givenName,familyName,title,department,office,officeCountry,managerId,mobilePhone,groups';
const row = (n: number, title = 'Analyst') =>
  `hr-${n},person${n}@corp.example.com,"Person ${n}, Jr.",Person,${n},${title},Finance,Leeds,GB,${n > 1 ? 'hr-1' : ''},+4477009${String(n).padStart(5, '0')},fin-ap;all-staff`;

beforeAll(async () => {
  writeFileSync(file, [HEADER, row(1, 'Head of Finance'), row(2), row(3)].join('\r\n'));
  stack = await startStack({ RESETGATE_DIRECTORY_FILE: file, RESETGATE_DIRECTORY_SYNC_MINUTES: '720' });
});
afterAll(async () => {
  await stack?.stop();
});

const syncNow = () => syncDirectoryNow(stack);

const users = () => stack.db.dataSource.getRepository(DirectoryUserEntity);

test('a file sync creates the people in it and deactivates everyone else', async () => {
  const seeded = await users().countBy({ active: true });
  expect(await syncNow()).toMatchObject({ source: 'file', status: 'succeeded', usersSeen: 3, usersCreated: 3, usersDeactivated: seeded });
  expect(await users().findOneByOrFail({ id: 'hr-2' })).toMatchObject({
    displayName: 'Person 2, Jr.',
    managerId: 'hr-1',
    mobilePhone: '+447700900002',
    groups: ['fin-ap', 'all-staff'],
    active: true,
  });
});

test('the next sync of the changed file counts only what changed', async () => {
  writeFileSync(file, [HEADER, row(1, 'Head of Finance'), row(2, 'Senior Analyst')].join('\n'));
  expect(await syncNow()).toMatchObject({ status: 'succeeded', usersSeen: 2, usersCreated: 0, usersUpdated: 1, usersDeactivated: 1 });
  expect(await users().findOneByOrFail({ id: 'hr-3' })).toMatchObject({ active: false });
});

test('a broken file fails the sync with its line, and changes nobody', async () => {
  const before = await users().countBy({ active: true });
  writeFileSync(file, [HEADER, 'hr-9,not-an-email,Nine'].join('\n'));
  const report = await syncNow();
  expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/people\.csv.*line 2|line 2.*email/i) });
  expect(await users().countBy({ active: true })).toBe(before);
});
