import { signInToConsole, type ConsoleSession } from '../support/console-session';
import { call, type Stack, startStack } from '../support/stack';

/**
 * The assurance policies are part of the versioned policy (docs/assurance.md, "The policies"): an
 * admin saves a new version in the console, audited setting by setting; a verification created after
 * it carries the new definitions in its own policy, one created before keeps the old; anything
 * inconsistent is a 4xx problem that writes nothing.
 */
let stack: Stack;
let admin: ConsoleSession;
let agent: ConsoleSession;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' });
  [admin, agent] = await Promise.all([signInToConsole(stack, 'admin@example.com'), signInToConsole(stack, 'agent@example.com')]);
});
afterAll(async () => {
  await stack?.stop();
});

const as = (session: ConsoleSession) => ({ key: null, cookie: session.cookie, headers: { 'x-csrf-token': session.csrfToken } });
const PRIVILEGED_GROUPS = ['okta-admins', 'github-admins', 'workday-admins', 'endpoint-admins', 'fin-payroll'];
const STRONG = ['recovery_passkey', 'idp_phishing_resistant', 'vouch', 'identity_document'];

async function userIn(privileged: boolean, offset = 0): Promise<{ email: string; mobile_phone: string }> {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users u
      WHERE mobile_phone IS NOT NULL AND ${privileged ? '' : 'NOT'} (groups && $1::text[]) ORDER BY id OFFSET $2 LIMIT 1`,
    [PRIVILEGED_GROUPS, offset],
  );
  return user;
}

async function create(user: { email: string; mobile_phone: string }) {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    ...as(agent),
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; policyVersion: string; assurance: string | null };
}

/** The policy the verification keeps: its row, which its workflow was started with. */
async function policyOf(id: string) {
  const [row] = await stack.db.dataSource.query(`SELECT policy FROM verifications WHERE id = $1`, [id]);
  return row.policy;
}

/** An edit of the settings in force that changes only the assurance. */
async function editOf(assurance: unknown, note = 'CHG-11: narrower assurance') {
  const loaded = (await call(stack, 'GET', '/api/v1/settings', as(admin))).body;
  const { version: _version, minQuestions: _minQuestions, ...policy } = loaded.policy;
  return {
    basedOnVersion: loaded.policy.version,
    note,
    policy,
    maxVerificationsPerUserPerDay: loaded.limits.maxVerificationsPerUserPerDay,
    privilegedGroups: loaded.privilegedGroups,
    agentsSeeRiskScore: loaded.agentsSeeRiskScore,
    assurance,
  };
}

const NEW_ASSURANCE = {
  mode: 'proofs',
  standard: { required: ['destination_of_record'], strong: { count: 1, from: ['recovery_passkey', 'idp_phishing_resistant', 'vouch'] } },
  privileged: {
    required: ['destination_of_record', 'recovery_passkey'],
    strong: { count: 2, from: ['idp_phishing_resistant', 'vouch', 'identity_document'] },
  },
};

test('the environment gives the first version: the mode from RESETGATE_ASSURANCE, the built-in policies', async () => {
  const settings = await call(stack, 'GET', '/api/v1/settings', as(admin));
  expect(settings.body.assurance).toEqual({
    mode: 'proofs',
    standard: { name: 'standard', required: ['destination_of_record'], strong: { count: 1, from: STRONG } },
    privileged: { name: 'privileged', required: ['destination_of_record'], strong: { count: 2, from: STRONG } },
  });
});

test('an admin saves a new assurance policy: a new version, audited setting by setting; new verifications carry it, earlier ones keep theirs', async () => {
  const standardUser = await userIn(false);
  const privilegedUser = await userIn(true);
  const before = await create(standardUser);
  expect(before).toMatchObject({ policyVersion: 'default-1', assurance: 'standard' });
  const privilegedBefore = await create(privilegedUser);

  const saved = await call(stack, 'PUT', '/api/v1/settings/policy', { ...as(admin), body: await editOf(NEW_ASSURANCE) });
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({
    policy: { version: 'console-1' },
    policySource: { changedBy: 'user:admin@example.com', note: 'CHG-11: narrower assurance' },
    assurance: {
      mode: 'proofs',
      standard: { name: 'standard', ...NEW_ASSURANCE.standard },
      privileged: { name: 'privileged', ...NEW_ASSURANCE.privileged },
    },
  });
  expect((await call(stack, 'GET', '/api/v1/settings', as(admin))).body.assurance).toEqual(saved.body.assurance);

  const [event] = await stack.db.dataSource.query(`SELECT actor, target_id, details FROM audit_events WHERE action = 'policy.changed'`);
  expect(event).toMatchObject({ actor: 'user:admin@example.com', target_id: 'console-1' });
  expect(event.details).toEqual({
    from: 'default-1',
    note: 'CHG-11: narrower assurance',
    changes: [
      { setting: 'assurance.standard.strong.from', from: STRONG, to: NEW_ASSURANCE.standard.strong.from },
      { setting: 'assurance.privileged.required', from: ['destination_of_record'], to: NEW_ASSURANCE.privileged.required },
      { setting: 'assurance.privileged.strong.from', from: STRONG, to: NEW_ASSURANCE.privileged.strong.from },
    ],
  });
  const versions = await call(stack, 'GET', '/api/v1/settings/policy/versions', as(admin));
  expect(versions.body.items[0]).toMatchObject({ version: 'console-1', assurance: saved.body.assurance });

  // New verifications carry the new definitions, by group; the ones created before keep the old.
  const after = await create(await userIn(false, 1));
  expect(after).toMatchObject({ policyVersion: 'console-1', assurance: 'standard' });
  expect((await policyOf(after.id)).assurance).toEqual({ name: 'standard', ...NEW_ASSURANCE.standard });
  const privilegedAfter = await create(await userIn(true, 1));
  expect((await policyOf(privilegedAfter.id)).assurance).toEqual({ name: 'privileged', ...NEW_ASSURANCE.privileged });
  expect(await policyOf(before.id)).toMatchObject({
    version: 'default-1',
    assurance: { name: 'standard', required: ['destination_of_record'], strong: { count: 1, from: STRONG } },
  });
  expect((await policyOf(privilegedBefore.id)).assurance).toEqual({
    name: 'privileged',
    required: ['destination_of_record'],
    strong: { count: 2, from: STRONG },
  });

  // The question rule again: new verifications carry no assurance policy at all.
  const questions = await call(stack, 'PUT', '/api/v1/settings/policy', {
    ...as(admin),
    body: await editOf({ ...NEW_ASSURANCE, mode: 'questions' }, 'CHG-12: back to the question rule while vouching is set up'),
  });
  expect(questions.status).toBe(200);
  const [second] = await stack.db.dataSource.query(
    `SELECT details FROM audit_events WHERE action = 'policy.changed' AND target_id = 'console-2'`,
  );
  expect(second.details.changes).toEqual([{ setting: 'assurance.mode', from: 'proofs', to: 'questions' }]);
  const underQuestions = await create(await userIn(false, 2));
  expect(underQuestions).toMatchObject({ policyVersion: 'console-2', assurance: null });
  expect((await policyOf(underQuestions.id)).assurance).toBeUndefined();
  expect((await policyOf(after.id)).assurance).toEqual({ name: 'standard', ...NEW_ASSURANCE.standard });

  // An edit that leaves the assurance out keeps the one in force, and says nothing changed in it.
  const { assurance: _assurance, ...without } = await editOf(undefined, 'CHG-13: only the limits');
  const kept = await call(stack, 'PUT', '/api/v1/settings/policy', {
    ...as(admin),
    body: { ...without, maxVerificationsPerUserPerDay: without.maxVerificationsPerUserPerDay + 1 },
  });
  expect(kept.status).toBe(200);
  expect(kept.body.assurance).toEqual(questions.body.assurance);
});

type Edit = Awaited<ReturnType<typeof editOf>> & { assurance: typeof NEW_ASSURANCE };
/** Every row has all five members: jest passes a `done` callback to a test whose row is short. */
const bad: [name: string, change: (edit: Edit) => unknown, status: number, type: string, detail: RegExp | null][] = [
  [
    'an unknown kind',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { ...e.assurance.standard, required: ['shoe_size'] } } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'an unknown strong kind',
    (e) => ({
      ...e,
      assurance: { ...e.assurance, privileged: { ...e.assurance.privileged, strong: { count: 2, from: ['vouch', 'psychic'] } } },
    }),
    400,
    'validation-failed',
    null,
  ],
  [
    'count 0',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { ...e.assurance.standard, strong: { count: 0, from: ['vouch'] } } } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'count more than the kinds',
    (e) => ({
      ...e,
      assurance: { ...e.assurance, privileged: { ...e.assurance.privileged, strong: { count: 3, from: ['vouch', 'identity_document'] } } },
    }),
    422,
    'policy-invalid',
    /The privileged policy asks for 3 strong proofs from 2 kinds: nobody could pass\./,
  ],
  [
    'privileged asking for fewer strong proofs than standard',
    (e) => ({
      ...e,
      assurance: {
        ...e.assurance,
        privileged: { required: ['destination_of_record'], strong: { count: 1, from: ['recovery_passkey', 'vouch'] } },
        standard: { required: ['destination_of_record'], strong: { count: 2, from: ['recovery_passkey', 'vouch'] } },
      },
    }),
    422,
    'policy-invalid',
    /The privileged policy asks for 1 strong proof, fewer than the standard policy’s 2: it must be at least as strict\./,
  ],
  [
    'privileged passing with proofs the standard policy does not take',
    (e) => ({
      ...e,
      assurance: { ...e.assurance, privileged: { required: ['identity_document'], strong: { count: 1, from: ['recovery_passkey'] } } },
    }),
    422,
    'policy-invalid',
    /The privileged policy would pass with .*, which the standard policy refuses/,
  ],
  [
    'a kind both always needed and strong',
    (e) => ({
      ...e,
      assurance: {
        ...e.assurance,
        standard: { required: ['destination_of_record'], strong: { count: 1, from: ['destination_of_record', 'vouch'] } },
      },
    }),
    422,
    'policy-invalid',
    /both as always needed and among the strong proofs/,
  ],
  [
    'a pass that is no NIST recovery',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { required: [], strong: { count: 1, from: ['vouch', 'recovery_passkey'] } } } }),
    422,
    'policy-invalid',
    /The standard policy would pass with only a person who vouches .* no recovery under NIST SP 800-63B-4/,
  ],
  ['a mode that does not exist', (e) => ({ ...e, assurance: { ...e.assurance, mode: 'vibes' } }), 400, 'validation-failed', null],
  [
    'a count as text',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { ...e.assurance.standard, strong: { count: '1', from: ['vouch'] } } } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'a fractional count',
    (e) => ({
      ...e,
      assurance: { ...e.assurance, standard: { ...e.assurance.standard, strong: { count: 1.5, from: ['vouch', 'recovery_passkey'] } } },
    }),
    400,
    'validation-failed',
    null,
  ],
  [
    'required as text',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { ...e.assurance.standard, required: 'destination_of_record' } } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'a kind listed twice',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { ...e.assurance.standard, strong: { count: 1, from: ['vouch', 'vouch'] } } } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'no strong part',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { required: ['destination_of_record'] } } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'no privileged policy',
    (e) => ({ ...e, assurance: { mode: 'proofs', standard: e.assurance.standard } }),
    400,
    'validation-failed',
    null,
  ],
  [
    'a name of its own',
    (e) => ({ ...e, assurance: { ...e.assurance, standard: { ...e.assurance.standard, name: 'lenient' } } }),
    400,
    'validation-failed',
    null,
  ],
  ['assurance null', (e) => ({ ...e, assurance: null }), 400, 'validation-failed', null],
  ['assurance a list', (e) => ({ ...e, assurance: [e.assurance] }), 400, 'validation-failed', null],
  ['assurance text', (e) => ({ ...e, assurance: 'proofs' }), 400, 'validation-failed', null],
];

test.each(bad)('refused, changing nothing: %s', async (_name, change, status, type, detail) => {
  const count = async () =>
    (
      await stack.db.dataSource.query(
        `SELECT (SELECT count(*) FROM policy_versions) AS versions, (SELECT count(*) FROM audit_events WHERE action = 'policy.changed') AS audited`,
      )
    )[0];
  const inForce = (await call(stack, 'GET', '/api/v1/settings', as(admin))).body;
  const counted = await count();
  const res = await call(stack, 'PUT', '/api/v1/settings/policy', { ...as(admin), body: change((await editOf(NEW_ASSURANCE)) as Edit) });
  expect({ status: res.status, contentType: res.contentType, type: res.body.type }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
    type: `https://resetgate.dev/problems/${type}`,
  });
  if (detail) expect(res.body.detail).toMatch(detail);
  expect(await count()).toEqual(counted);
  const after = (await call(stack, 'GET', '/api/v1/settings', as(admin))).body;
  expect({ version: after.policy.version, assurance: after.assurance }).toEqual({
    version: inForce.policy.version,
    assurance: inForce.assurance,
  });
});
