import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, type Stack, startStack, TEST_AUDIT_KEY } from '../support/stack';

/** The audit log is append-only for every role, and any change behind its back is found at that record. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  const users = await stack.db.dataSource.query(`SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL LIMIT 3`);
  for (const user of users) {
    const res = await call(stack, 'POST', '/api/v1/verifications', {
      body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
    });
    expect(res.status).toBe(201);
  }
  // A refused approval is audited too.
  await call(stack, 'POST', `/api/v1/verifications/00000000-0000-4000-8000-000000000000/reset-approval`, {
    body: { action: 'password_reset' },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const verify = () => call(stack, 'GET', '/api/v1/audit-events/verify');

function verifyCli(): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist/tools/verify-audit-cli.js')], {
      env: { ...process.env, DATABASE_URL: stack.db.url, RESETGATE_AUDIT_KEY: TEST_AUDIT_KEY },
      encoding: 'utf8',
    });
    return { code: 0, output };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, output: e.stdout };
  }
}

test('the chain is intact after normal use, through the API and the CLI', async () => {
  const res = await verify();
  expect(res.body).toEqual({ intact: true, checked: 3, firstBroken: null });
  expect(verifyCli()).toEqual({ code: 0, output: 'audit chain intact: 3 records checked\n' });
});

test('the application role can neither UPDATE nor DELETE audit events, even with every table privilege', async () => {
  const role = `rg_app_${randomBytes(4).toString('hex')}`;
  const admin = stack.db.dataSource;
  await admin.query(`CREATE ROLE ${role} LOGIN`);
  await admin.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
  const url = new URL(stack.db.url);
  url.username = role;
  const app = new Client({ connectionString: url.toString() });
  await app.connect();
  try {
    await expect(app.query(`UPDATE audit_events SET actor = 'nobody'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(app.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(app.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  } finally {
    await app.end();
    await admin.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER; DROP OWNED BY ${role}; DROP ROLE ${role}`);
  }
  expect((await verify()).body.intact).toBe(true);
});

test('a row altered by a superuser, bypassing the trigger, is found at exactly that record', async () => {
  const [target] = await stack.db.dataSource.query(`SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 1`);
  await stack.db.dataSource.transaction(async (db) => {
    await db.query(`SET LOCAL session_replication_role = replica`); // disables triggers: only a superuser can
    await db.query(`UPDATE audit_events SET actor = 'apikey:someone-else' WHERE id = $1`, [target.id]);
  });
  const res = await verify();
  expect(res.body).toEqual({ intact: false, checked: 1, firstBroken: { id: target.id, reason: expect.stringMatching(/altered/) } });
  const cli = verifyCli();
  expect(cli.code).toBe(1);
  expect(cli.output).toContain(`BROKEN at record ${target.id}`);
});
