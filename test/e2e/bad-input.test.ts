import { linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';

/**
 * docs/security.md: every bad input gets a clear 4xx problem+json answer and
 * changes nothing. Each case is sent to the real API; the tables are counted before and after.
 */
let stack: Stack;
let existingId: string;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  stack = await startStack();
  const user = (
    await stack.db.dataSource.query(
      `SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL AND manager_id IS NOT NULL LIMIT 1`,
    )
  )[0];
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  existingId = created.body.id;
  // Let the link go out first: the tables must be still while each case is counted.
  await waitForVerification(stack, existingId, ['link_sent']);
});
afterAll(async () => {
  await stack?.stop();
});

async function tableCounts(): Promise<Record<string, number>> {
  const rows = await stack.db.dataSource.query(`
    SELECT (SELECT count(*) FROM verifications) AS verifications, (SELECT count(*) FROM verification_links WHERE used_at IS NULL AND revoked_at IS NULL) AS live_links,
           (SELECT count(*) FROM ssp_sessions) AS sessions, (SELECT count(*) FROM challenge_questions WHERE grade IS NOT NULL) AS answers,
           (SELECT count(*) FROM api_keys) AS api_keys, (SELECT count(*) FROM dev_outbox_messages) AS outbox,
           (SELECT count(*) FROM audit_events) AS audit_events, (SELECT count(*) FROM console_sessions) AS console_sessions,
           (SELECT count(*) FROM oidc_login_attempts) AS login_attempts, (SELECT count(*) FROM policy_versions) AS policy_versions,
           (SELECT count(*) FROM recovery_passkeys) AS recovery_passkeys, (SELECT count(*) FROM passkey_challenges) AS passkey_challenges`);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const huge = JSON.stringify({ user: 'x'.repeat(200_000), channel: 'sms', destination: '+447700900123', reason: 'password_reset' });
const valid = { user: 'u0002', channel: 'sms', destination: '+447700900123', reason: 'password_reset' };
const policyEdit = {
  basedOnVersion: 'default-1',
  note: 'tighter',
  policy: {
    linkLifetimeSeconds: 600,
    sessionLifetimeSeconds: 600,
    questionsAsked: 4,
    minAnswered: 3,
    passThreshold: 0.5,
    riskStepUp: 0.08,
    maxRisk: 5,
    approvalWindowSeconds: 1800,
    idpStepUp: true,
  },
  maxVerificationsPerUserPerDay: 5,
  privilegedGroups: ['okta-admins'],
  agentsSeeRiskScore: true,
};
const editPolicy = (change: (edit: typeof policyEdit) => unknown) => ({ body: change(structuredClone(policyEdit)) });

type Case = [name: string, method: string, path: () => string, options: Parameters<typeof call>[3], status: number, type: string];
const cases: Case[] = [
  ['create: malformed JSON', 'POST', () => '/api/v1/verifications', { rawBody: '{"user": ' }, 400, 'malformed-json'],
  ['create: JSON that is not an object', 'POST', () => '/api/v1/verifications', { rawBody: '"hello"' }, 400, 'malformed-json'],
  ['create: huge body', 'POST', () => '/api/v1/verifications', { rawBody: huge }, 413, 'payload-too-large'],
  [
    'create: not JSON',
    'POST',
    () => '/api/v1/verifications',
    { rawBody: 'user=u0002', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    415,
    'unsupported-media-type',
  ],
  ['create: empty object', 'POST', () => '/api/v1/verifications', { body: {} }, 400, 'validation-failed'],
  [
    'create: wrong types',
    'POST',
    () => '/api/v1/verifications',
    { body: { user: 42, channel: ['sms'], destination: true, reason: null } },
    400,
    'validation-failed',
  ],
  ['create: unknown field', 'POST', () => '/api/v1/verifications', { body: { ...valid, admin: true } }, 400, 'validation-failed'],
  [
    'create: unknown channel',
    'POST',
    () => '/api/v1/verifications',
    { body: { ...valid, channel: 'carrier-pigeon' } },
    400,
    'validation-failed',
  ],
  ['create: unknown reason', 'POST', () => '/api/v1/verifications', { body: { ...valid, reason: 'because' } }, 400, 'validation-failed'],
  [
    'create: bad ticket reference',
    'POST',
    () => '/api/v1/verifications',
    { body: { ...valid, ticketRef: '<script>' } },
    400,
    'validation-failed',
  ],
  ['create: unknown user', 'POST', () => '/api/v1/verifications', { body: { ...valid, user: 'nobody@example.com' } }, 422, 'unknown-user'],
  [
    'create: not E.164',
    'POST',
    () => '/api/v1/verifications',
    { body: { ...valid, destination: '07700 900123' } },
    422,
    'destination-refused',
  ],
  [
    'create: organisation email',
    'POST',
    () => '/api/v1/verifications',
    { body: { ...valid, channel: 'email', destination: 'someone@example.com' } },
    422,
    'destination-refused',
  ],
  [
    'create: invalid email',
    'POST',
    () => '/api/v1/verifications',
    { body: { ...valid, channel: 'email', destination: 'not-an-email' } },
    422,
    'destination-refused',
  ],
  ['create: no API key', 'POST', () => '/api/v1/verifications', { body: valid, key: null }, 401, 'unauthorized'],
  ['create: wrong API key', 'POST', () => '/api/v1/verifications', { body: valid, key: 'rg_not_a_key_at_all' }, 401, 'unauthorized'],
  ['list: unknown status', 'GET', () => '/api/v1/verifications?status=bogus', {}, 400, 'validation-failed'],
  ['list: limit not a number', 'GET', () => '/api/v1/verifications?limit=abc', {}, 400, 'validation-failed'],
  ['list: limit too big', 'GET', () => '/api/v1/verifications?limit=100000', {}, 400, 'validation-failed'],
  ['list: bad date', 'GET', () => '/api/v1/verifications?from=yesterday', {}, 400, 'validation-failed'],
  ['list: forged cursor', 'GET', () => '/api/v1/verifications?cursor=bm90LWEtY3Vyc29y', {}, 400, 'validation-failed'],
  ['list: risk out of range', 'GET', () => '/api/v1/verifications?minRisk=-1', {}, 400, 'validation-failed'],
  ['get: malformed id', 'GET', () => '/api/v1/verifications/not-a-uuid', {}, 404, 'not-found'],
  ['get: unknown id', 'GET', () => `/api/v1/verifications/${UNKNOWN_ID}`, {}, 404, 'not-found'],
  ['transcript: unknown id', 'GET', () => `/api/v1/verifications/${UNKNOWN_ID}/transcript`, {}, 404, 'not-found'],
  ['history: unknown id', 'GET', () => `/api/v1/verifications/${UNKNOWN_ID}/history`, {}, 404, 'not-found'],
  ['cancel: unknown id', 'POST', () => `/api/v1/verifications/${UNKNOWN_ID}/cancel`, {}, 404, 'not-found'],
  ['cancel: malformed JSON', 'POST', () => `/api/v1/verifications/${existingId}/cancel`, { rawBody: '{{' }, 400, 'malformed-json'],
  [
    'approval: unknown id',
    'POST',
    () => `/api/v1/verifications/${UNKNOWN_ID}/reset-approval`,
    { body: { action: 'password_reset' } },
    404,
    'not-found',
  ],
  [
    'approval: unknown action',
    'POST',
    () => `/api/v1/verifications/${existingId}/reset-approval`,
    { body: { action: 'set_password_to_hunter2' } },
    400,
    'validation-failed',
  ],
  [
    'approval: note too long',
    'POST',
    () => `/api/v1/verifications/${existingId}/reset-approval`,
    { body: { action: 'password_reset', note: 'x'.repeat(501) } },
    400,
    'validation-failed',
  ],
  [
    'approval: before a pass',
    'POST',
    () => `/api/v1/verifications/${existingId}/reset-approval`,
    { body: { action: 'password_reset' } },
    409,
    'approval-refused',
  ],
  ['directory: no query', 'GET', () => '/api/v1/directory/users', {}, 400, 'validation-failed'],
  ['directory: limit too big', 'GET', () => '/api/v1/directory/users?q=a&limit=5000', {}, 400, 'validation-failed'],
  ['outbox: malformed id', 'GET', () => '/api/v1/dev/outbox?verificationId=42', {}, 400, 'validation-failed'],
  ['audit: bad cursor', 'GET', () => '/api/v1/audit-events?cursor=drop%20table', {}, 400, 'validation-failed'],
  ['ssp start: malformed JSON', 'POST', () => '/api/v1/ssp/sessions', { rawBody: '{', key: null }, 400, 'malformed-json'],
  // A lone UTF-16 surrogate once froze a verification for good (PostgreSQL refuses it, the activity retried for ever).
  [
    'ssp start: a lone surrogate in the signals',
    'POST',
    () => '/api/v1/ssp/sessions',
    { rawBody: '{"token":"' + 'B'.repeat(43) + '","signals":{"timezone":"\\ud800"}}', key: null },
    400,
    'malformed-json',
  ],
  [
    'ssp finish: a lone surrogate',
    'POST',
    () => '/api/v1/ssp/session/finish',
    { rawBody: '{"signals":{"timezone":"\\udc00"}}', key: null },
    400,
    'malformed-json',
  ],
  ['create: a lone surrogate in a key', 'POST', () => '/api/v1/verifications', { rawBody: '{"\\ud800":1}' }, 400, 'malformed-json'],
  ['ssp start: no token', 'POST', () => '/api/v1/ssp/sessions', { body: {}, key: null }, 400, 'validation-failed'],
  [
    'ssp start: token of the wrong shape',
    'POST',
    () => '/api/v1/ssp/sessions',
    { body: { token: '../../etc/passwd' }, key: null },
    400,
    'validation-failed',
  ],
  [
    'ssp start: bad signals',
    'POST',
    () => '/api/v1/ssp/sessions',
    { body: { token: 'abc', signals: { pasteCount: 'many' } }, key: null },
    400,
    'validation-failed',
  ],
  ['ssp start: unknown token', 'POST', () => '/api/v1/ssp/sessions', { body: { token: 'B'.repeat(43) }, key: null }, 404, 'link-invalid'],
  ['ssp questions: no session', 'GET', () => '/api/v1/ssp/session', { key: null }, 401, 'session-invalid'],
  ['ssp questions: forged session', 'GET', () => '/api/v1/ssp/session', { key: null, cookie: 'rg_ssp=forged' }, 401, 'session-invalid'],
  [
    'ssp answer: no session',
    'POST',
    () => '/api/v1/ssp/session/answers',
    { key: null, body: { questionId: UNKNOWN_ID, answer: null, elapsedMs: 1 } },
    401,
    'session-invalid',
  ],
  ['ssp finish: no session', 'POST', () => '/api/v1/ssp/session/finish', { key: null, body: {} }, 401, 'session-invalid'],
  ['codec: malformed JSON', 'POST', () => '/api/v1/temporal-codec/decode', { rawBody: '{"payloads": [' }, 400, 'malformed-json'],
  ['codec: no payloads', 'POST', () => '/api/v1/temporal-codec/decode', { body: { items: [] } }, 400, 'validation-failed'],
  ['codec: payloads not a list', 'POST', () => '/api/v1/temporal-codec/decode', { body: { payloads: 'abc' } }, 400, 'validation-failed'],
  [
    'codec: data not base64',
    'POST',
    () => '/api/v1/temporal-codec/decode',
    { body: { payloads: [{ metadata: {}, data: 'not base64!' }] } },
    400,
    'validation-failed',
  ],
  [
    'codec: metadata not an object',
    'POST',
    () => '/api/v1/temporal-codec/encode',
    { body: { payloads: [{ metadata: ['x'], data: '' }] } },
    400,
    'validation-failed',
  ],
  [
    'codec: too many payloads',
    'POST',
    () => '/api/v1/temporal-codec/decode',
    { body: { payloads: Array.from({ length: 1001 }, () => ({ data: '' })) } },
    400,
    'validation-failed',
  ],
  [
    'codec: another namespace',
    'POST',
    () => '/api/v1/temporal-codec/decode',
    { body: { payloads: [] }, headers: { 'x-namespace': 'someone-else' } },
    400,
    'validation-failed',
  ],
  [
    'codec: sealed with an unknown key',
    'POST',
    () => '/api/v1/temporal-codec/decode',
    {
      body: {
        payloads: [{ metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('gone') }, data: b64('x'.repeat(40)) }],
      },
    },
    422,
    'payload-not-decryptable',
  ],
  [
    'codec: not JSON',
    'POST',
    () => '/api/v1/temporal-codec/decode',
    { rawBody: 'payloads', headers: { 'content-type': 'text/plain' } },
    415,
    'unsupported-media-type',
  ],
  [
    'codec: preflight from an unknown origin',
    'OPTIONS',
    () => '/api/v1/temporal-codec/decode',
    { key: null, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } },
    403,
    'origin-not-allowed',
  ],
  ['codec: no API key', 'POST', () => '/api/v1/temporal-codec/decode', { body: { payloads: [] }, key: null }, 401, 'unauthorized'],
  ['export: no range', 'GET', () => '/api/v1/exports/verifications', {}, 400, 'validation-failed'],
  ['export: no end', 'GET', () => '/api/v1/exports/audit-events?from=2026-01-01', {}, 400, 'validation-failed'],
  ['export: not a date', 'GET', () => '/api/v1/exports/verifications?from=yesterday&to=today', {}, 400, 'validation-failed'],
  ['export: impossible date', 'GET', () => '/api/v1/exports/verifications?from=2026-02-30&to=2026-03-01', {}, 400, 'validation-failed'],
  ['export: inverted range', 'GET', () => '/api/v1/exports/audit-events?from=2026-02-01&to=2026-01-01', {}, 400, 'export-range-invalid'],
  ['export: empty range', 'GET', () => '/api/v1/exports/audit-events?from=2026-02-01&to=2026-02-01', {}, 400, 'export-range-invalid'],
  ['export: range too long', 'GET', () => '/api/v1/exports/verifications?from=2024-01-01&to=2026-01-01', {}, 400, 'export-range-invalid'],
  [
    'export: unknown format',
    'GET',
    () => '/api/v1/exports/verifications?from=2026-01-01&to=2026-02-01&format=xlsx',
    {},
    400,
    'validation-failed',
  ],
  ['api key: malformed JSON', 'POST', () => '/api/v1/api-keys', { rawBody: '{"name":' }, 400, 'malformed-json'],
  ['api key: no roles', 'POST', () => '/api/v1/api-keys', { body: { name: 'x', roles: [] } }, 400, 'validation-failed'],
  ['api key: unknown role', 'POST', () => '/api/v1/api-keys', { body: { name: 'x', roles: ['root'] } }, 400, 'validation-failed'],
  [
    'api key: name with a newline',
    'POST',
    () => '/api/v1/api-keys',
    { body: { name: 'a\nb', roles: ['agent'] } },
    400,
    'validation-failed',
  ],
  ['api key revoke: not an id', 'DELETE', () => '/api/v1/api-keys/nope', {}, 404, 'not-found'],
  ['api key revoke: unknown id', 'DELETE', () => `/api/v1/api-keys/${UNKNOWN_ID}`, {}, 404, 'not-found'],
  ['policy: malformed JSON', 'PUT', () => '/api/v1/settings/policy', { rawBody: '{"policy":' }, 400, 'malformed-json'],
  ['policy: empty body', 'PUT', () => '/api/v1/settings/policy', { body: {} }, 400, 'validation-failed'],
  [
    'policy: a number as text',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, policy: { ...e.policy, maxRisk: '5' } })),
    400,
    'validation-failed',
  ],
  [
    'policy: out of range',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, policy: { ...e.policy, passThreshold: 1.5 } })),
    400,
    'validation-failed',
  ],
  [
    'policy: not a whole number',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, maxVerificationsPerUserPerDay: 2.5 })),
    400,
    'validation-failed',
  ],
  [
    'policy: unknown setting',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, policy: { ...e.policy, version: 'mine' } })),
    400,
    'validation-failed',
  ],
  [
    'policy: no policy',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy(({ policy: _policy, ...rest }) => rest),
    400,
    'validation-failed',
  ],
  [
    'policy: policy is a list',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, policy: [e.policy] })),
    400,
    'validation-failed',
  ],
  ['policy: no note', 'PUT', () => '/api/v1/settings/policy', editPolicy((e) => ({ ...e, note: '' })), 400, 'validation-failed'],
  [
    'policy: a group that is not text',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, privilegedGroups: [7] })),
    400,
    'validation-failed',
  ],
  [
    'policy: more answers needed than asked',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, policy: { ...e.policy, questionsAsked: 3, minAnswered: 4 } })),
    422,
    'policy-invalid',
  ],
  [
    'policy: edited from a version no longer in force',
    'PUT',
    () => '/api/v1/settings/policy',
    editPolicy((e) => ({ ...e, basedOnVersion: 'console-99' })),
    409,
    'policy-changed',
  ],
  ['stats: not a date', 'GET', () => '/api/v1/stats?from=soon', {}, 400, 'validation-failed'],
  ['stats: inverted range', 'GET', () => '/api/v1/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', {}, 400, 'validation-failed'],
  ['stats: range too long', 'GET', () => '/api/v1/stats?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', {}, 400, 'validation-failed'],
  ['console session: none', 'GET', () => '/api/v1/auth/session', { key: null }, 401, 'unauthorized'],
  ['console session: forged cookie', 'GET', () => '/api/v1/auth/session', { key: null, cookie: 'rg_console=forged' }, 401, 'unauthorized'],
  [
    'console: forged cookie on a change',
    'POST',
    () => '/api/v1/verifications',
    { key: null, cookie: 'rg_console=forged', body: valid },
    401,
    'unauthorized',
  ],
  ['logout: not signed in', 'POST', () => '/api/v1/auth/logout', { key: null, body: {} }, 401, 'unauthorized'],
  ['sign-in callback: not started here', 'GET', () => '/api/v1/auth/callback?code=a&state=b', { key: null }, 400, 'sign-in-failed'],
  ['step-up: no session', 'POST', () => '/api/v1/ssp/session/step-up', { key: null, body: {} }, 401, 'session-invalid'],
  // Each WebAuthn answer refused with a session is in test/e2e/recovery-passkey.test.ts; here, the ones without.
  [
    'passkey registration options: no grant',
    'POST',
    () => '/api/v1/ssp/passkeys/registration/options',
    { key: null, body: {} },
    401,
    'passkey-enrolment-invalid',
  ],
  [
    'passkey registration: a forged grant',
    'POST',
    () => '/api/v1/ssp/passkeys/registration/verify',
    { key: null, cookie: 'rg_passkey_enrolment=forged', body: {} },
    401,
    'passkey-enrolment-invalid',
  ],
  [
    'passkey registration: malformed JSON',
    'POST',
    () => '/api/v1/ssp/passkeys/registration/verify',
    { key: null, rawBody: '{"id":' },
    400,
    'malformed-json',
  ],
  [
    'passkey authentication options: no session',
    'POST',
    () => '/api/v1/ssp/passkeys/authentication/options',
    { key: null, body: {} },
    401,
    'session-invalid',
  ],
  [
    'passkey authentication: no session',
    'POST',
    () => '/api/v1/ssp/passkeys/authentication/verify',
    { key: null, body: {} },
    401,
    'session-invalid',
  ],
  [
    'passkey authentication: malformed JSON',
    'POST',
    () => '/api/v1/ssp/passkeys/authentication/verify',
    { key: null, rawBody: '{"id":' },
    400,
    'malformed-json',
  ],
  ['step-up callback: not started here', 'GET', () => '/api/v1/ssp/step-up/callback?code=a&state=b', { key: null }, 400, 'sign-in-failed'],
  ['unknown route', 'GET', () => '/api/v1/nothing-here', {}, 404, 'not-found'],
  // Hostile input that reached a 500 before (issue 16): each is a 400 now, before any handler.
  [
    'any body: nested 10,000 levels, anonymously',
    'POST',
    () => '/api/v1/ssp/sessions',
    { key: null, rawBody: `{"token":"x","signals":${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
    400,
    'validation-failed',
  ],
  ['list: a NUL byte in q', 'GET', () => '/api/v1/verifications?q=a%00b', {}, 400, 'validation-failed'],
  ['list: a NUL byte in user', 'GET', () => '/api/v1/verifications?user=%00', {}, 400, 'validation-failed'],
  ['list: a NUL byte in initiatedBy', 'GET', () => '/api/v1/verifications?initiatedBy=x%00', {}, 400, 'validation-failed'],
  ['list: a week date', 'GET', () => '/api/v1/verifications?from=2026-W01', {}, 400, 'validation-failed'],
  ['list: an ordinal date', 'GET', () => '/api/v1/verifications?to=2026-032', {}, 400, 'validation-failed'],
  ['stats: a week date', 'GET', () => '/api/v1/stats?from=2026-W01', {}, 400, 'validation-failed'],
  [
    'list: a cursor whose id is not a UUID',
    'GET',
    () => `/api/v1/verifications?cursor=${Buffer.from(JSON.stringify(['2026-11-01T00:00:00.000Z', 'z'.repeat(36)])).toString('base64url')}`,
    {},
    400,
    'validation-failed',
  ],
  ['list: __proto__ as a parameter', 'GET', () => '/api/v1/verifications?__proto__[x]=1', {}, 400, 'validation-failed'],
  ['list: constructor as a parameter', 'GET', () => '/api/v1/verifications?constructor=1', {}, 400, 'validation-failed'],
  ['audit: a cursor beyond bigint', 'GET', () => '/api/v1/audit-events?cursor=99999999999999999999', {}, 400, 'validation-failed'],
  [
    'create: a NUL byte in an email destination',
    'POST',
    () => '/api/v1/verifications',
    { body: { ...valid, channel: 'email', destination: 'caller\u0000@example.org' } },
    400,
    'malformed-json',
  ],
  [
    'api key: a lone surrogate in its name',
    'POST',
    () => '/api/v1/api-keys',
    { rawBody: '{"name":"\\ud800","roles":["agent"]}' },
    400,
    'malformed-json',
  ],
  [
    'api key: a name of spaces only',
    'POST',
    () => '/api/v1/api-keys',
    { body: { name: '   ', roles: ['agent'] } },
    400,
    'validation-failed',
  ],
];

test.each(cases)('%s: a 4xx problem, nothing changes', async (_name, method, path, options, status, type) => {
  const before = await tableCounts();
  const res = await call(stack, method, path(), options);
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `https://resetgate.dev/problems/${type}` });
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ title: expect.any(String), detail: expect.any(String), status });
  const after = await tableCounts();
  // A refused approval is the one bad request that must leave a trace: the audit log records the request and its refusal.
  if (type === 'approval-refused') after.audit_events -= 2;
  expect(after).toEqual(before);
});

test('bad answers in a live session are refused and change nothing', async () => {
  const link = (await call(stack, 'GET', `/api/v1/dev/outbox?verificationId=${existingId}`)).body.items[0].link;
  const token = new URL(link).hash.replace('#token=', '');
  const started = await call(stack, 'POST', '/api/v1/ssp/sessions', { key: null, body: { token } });
  expect(started.status).toBe(201);
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0];
  const { body: session } = await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie });
  const single = session.questions.find((q: { type: string }) => q.type === 'single');
  const before = await tableCounts();
  const bad: [unknown, number][] = [
    [{ questionId: single.id, answer: { optionId: 'o99' }, elapsedMs: 1000 }, 400],
    [{ questionId: single.id, answer: { optionIds: ['o1'] }, elapsedMs: 1000 }, 400],
    [{ questionId: single.id, answer: 'o1', elapsedMs: 1000 }, 400],
    [{ questionId: single.id, answer: null, elapsedMs: -5 }, 400],
    [{ questionId: UNKNOWN_ID, answer: null, elapsedMs: 1000 }, 404],
    [{ questionId: 'nope', answer: null, elapsedMs: 1000 }, 400],
  ];
  for (const [body, status] of bad) {
    const res = await call(stack, 'POST', '/api/v1/ssp/session/answers', { key: null, cookie, body });
    expect({ status: res.status, problem: res.contentType.startsWith('application/problem+json') }).toEqual({ status, problem: true });
  }
  expect(await tableCounts()).toEqual(before);
});

test('a live session cannot be made to store a passkey challenge where passkeys do not apply, nor enrol', async () => {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL AND manager_id IS NOT NULL ORDER BY id OFFSET 3 LIMIT 1`,
  );
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  const before = await tableCounts();
  const attempts: [string, unknown, number][] = [
    ['/api/v1/ssp/passkeys/authentication/options', {}, 409],
    ['/api/v1/ssp/passkeys/authentication/verify', {}, 400],
    [
      '/api/v1/ssp/passkeys/authentication/verify',
      { id: 'AA', rawId: 'AA', type: 'public-key', clientExtensionResults: {}, response: {} },
      400,
    ],
    ['/api/v1/ssp/passkeys/registration/options', {}, 401],
  ];
  for (const [path, body, status] of attempts) {
    const res = await call(stack, 'POST', path, { key: null, cookie, body });
    expect({ path, status: res.status, problem: res.contentType.startsWith('application/problem+json') }).toEqual({
      path,
      status,
      problem: true,
    });
  }
  expect(await tableCounts()).toEqual(before);
});
