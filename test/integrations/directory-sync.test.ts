import { createHash, randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DirectoryUserEntity } from '../../core/database/entities';
import { directorySyncScheduleId } from '../../worker/directory-sync-schedule';
import { type FakeScim, generateScimOrganisation, startFakeScim } from '../support/fake-scim';
import { syncDirectoryNow } from '../support/directory-sync';
import { call, type Stack, startStack } from '../support/stack';

/** Directory sync from a local SCIM 2.0 service provider: the schedule, the mapping, the report, and a failed sync that changes nothing. */
let scim: FakeScim;
let stack: Stack;
const org = generateScimOrganisation(250, 6);

beforeAll(async () => {
  // One user the IdP holds without any email: reported, skipped.
  scim = await startFakeScim([...org.users, { id: 'scim-noemail', userName: 'kiosk-7', name: { givenName: 'Kiosk' } }], org.groups);
  stack = await startStack({ SCIM_URL: scim.url, SCIM_TOKEN: scim.token, SCIM_PAGE_SIZE: '100', RESETGATE_DIRECTORY_SYNC_MINUTES: '720' });
});
afterAll(async () => {
  await stack?.stop();
  await scim?.close();
});

const syncNow = () => syncDirectoryNow(stack);

const users = () => stack.db.dataSource.getRepository(DirectoryUserEntity);

test('the worker keeps a Temporal Schedule for the sync at the configured interval', async () => {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  try {
    const schedule = await new Client({ connection }).schedule.getHandle(directorySyncScheduleId(stack.taskQueue)).describe();
    expect(schedule.spec.intervals).toEqual([expect.objectContaining({ every: 720 * 60 * 1000 })]);
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'directorySyncWorkflow', taskQueue: stack.taskQueue });
    expect(schedule.policies.overlap).toBe('SKIP');
  } finally {
    await connection.close();
  }
});

test('a sync maps users, managers, groups and offices, deactivates who the IdP no longer has, and reports it', async () => {
  const seeded = await users().countBy({ active: true });
  const report = await syncNow();
  expect(report).toMatchObject({
    source: 'scim',
    status: 'succeeded',
    usersSeen: 251,
    usersCreated: 250,
    usersUpdated: 0,
    usersDeactivated: seeded, // the dev directory the test database was seeded with
    groupsSeen: 6,
    errors: [{ id: 'scim-noemail', message: 'user kiosk-7 has no email address' }],
    error: null,
    durationMs: expect.any(Number),
    finishedAt: expect.any(String),
  });
  expect(scim.requests.filter((r) => r.startsWith('GET /scim/v2/Users'))).toEqual([
    'GET /scim/v2/Users?startIndex=1&count=100',
    'GET /scim/v2/Users?startIndex=101&count=100',
    'GET /scim/v2/Users?startIndex=201&count=100',
  ]);

  const u = await users().findOneByOrFail({ id: 'scim-000013' });
  expect(u).toMatchObject({
    email: 'person13@corp.example.com',
    displayName: 'Person 13',
    department: 'Security',
    managerId: 'scim-000010',
    office: 'Paris',
    officeCountry: 'FR',
    mobilePhone: '+447700900013',
    personalEmail: 'person13@home.example.net',
    active: true,
  });
  expect(u.groups).toEqual(
    org.groups
      .filter((g) => g.members!.some((m) => m.value === u.id))
      .map((g) => g.displayName)
      .sort(),
  );
  const found = await call(stack, 'GET', '/api/v1/directory/users?q=person13%40corp');
  expect(found.body.items.map((i: { id: string }) => i.id)).toEqual(['scim-000013']);
});

test('the next sync counts only what changed', async () => {
  scim.users = scim.users.filter((u) => u.id !== 'scim-000200').map((u) => (u.id === 'scim-000007' ? { ...u, title: 'Director' } : u));
  const report = await syncNow();
  expect(report).toMatchObject({ status: 'succeeded', usersSeen: 250, usersCreated: 0, usersUpdated: 1, usersDeactivated: 1 });
  expect(await users().findOneByOrFail({ id: 'scim-000200' })).toMatchObject({ active: false });
  expect(await users().findOneByOrFail({ id: 'scim-000007' })).toMatchObject({ title: 'Director', active: true });
});

test('a sync the IdP refuses fails, says why, and changes nobody', async () => {
  const before = await users().countBy({ active: true });
  scim.rotateToken();
  const report = await syncNow();
  expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/SCIM \/Groups answered 401: Authorization failure/) });
  expect(await users().countBy({ active: true })).toBe(before);
});

test('auditors read the reports; only admins start a sync', async () => {
  const auditorKey = `auditor_${randomBytes(16).toString('hex')}`;
  await stack.db.dataSource.query(`INSERT INTO api_keys (name, prefix, key_hash, roles) VALUES ('auditor', 'audi', $1, '{auditor}')`, [
    createHash('sha256').update(auditorKey).digest(),
  ]);
  expect((await call(stack, 'GET', '/api/v1/directory/syncs', { key: auditorKey })).status).toBe(200);
  const refused = await call(stack, 'POST', '/api/v1/directory/syncs', { key: auditorKey });
  expect(refused.status).toBe(403);
  expect((await call(stack, 'GET', '/api/v1/directory/syncs?limit=1000')).status).toBe(400);
});
