import { randomUUID } from 'node:crypto';
import { signInToConsole } from '../support/console-session';
import { finishSession, openSession, standardUsers } from '../support/passkey-client';
import { linkFor, startSession, tokenOf } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { vouchFor } from '../support/vouch-client';

/**
 * Every endpoint in the OpenAPI document × every kind of caller. The table below is the
 * contract: an endpoint missing from it, a stale row, or any answer other than the expected
 * access fails the test.
 */
type Caller = 'anonymous' | 'sspSession' | 'passkeyEnrolment' | 'agent' | 'auditor' | 'admin' | 'apiKey';
/**
 * `twilio`: only requests carrying Twilio's signature, which no caller here has. `passkeyEnrolment`:
 * only the grant a pass gives (the enrolment cookie), good for nothing else. `voucher`: only the
 * session a manager gets by signing in from a vouch link (test/e2e/vouch.test.ts), which no caller here has.
 */
type Access = 'public' | 'ssp' | 'passkeyEnrolment' | 'signedIn' | 'twilio' | 'voucher' | readonly ('agent' | 'auditor' | 'admin')[];

const ALL = ['agent', 'auditor', 'admin'] as const;
const STAFF = ['agent', 'admin'] as const;
const OVERSIGHT = ['admin', 'auditor'] as const;

const MATRIX: Record<string, Access> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public', // from this machine, without RESETGATE_METRICS_TOKEN: test/e2e/metrics.test.ts has the token
  'GET /api/v1/auth/login': 'public',
  'GET /api/v1/auth/callback': 'public',
  'GET /api/v1/auth/session': 'signedIn',
  'POST /api/v1/ssp/sessions': 'public',
  'GET /api/v1/ssp/session': 'ssp',
  'POST /api/v1/ssp/session/answers': 'ssp',
  'POST /api/v1/ssp/session/step-up': 'ssp',
  'GET /api/v1/ssp/step-up/callback': 'public',
  'POST /api/v1/ssp/session/identity-document': 'ssp',
  'GET /api/v1/ssp/identity-document/callback': 'public',
  'GET /api/v1/ssp/session/vouch': 'ssp',
  'POST /api/v1/ssp/session/vouch': 'ssp',
  'POST /api/v1/vouches/sign-in': 'public',
  'GET /api/v1/vouches/callback': 'public',
  'GET /api/v1/vouches/request': 'voucher',
  'POST /api/v1/vouches/request/decision': 'voucher',
  'POST /api/v1/ssp/passkeys/authentication/options': 'ssp',
  'POST /api/v1/ssp/passkeys/authentication/verify': 'ssp',
  'POST /api/v1/ssp/passkeys/registration/options': 'passkeyEnrolment',
  'POST /api/v1/ssp/passkeys/registration/verify': 'passkeyEnrolment',
  'POST /api/v1/twilio/status': 'twilio',
  'GET /api/v1/verifications': ALL,
  'POST /api/v1/verifications': STAFF,
  'GET /api/v1/verifications/events': ALL,
  'GET /api/v1/verifications/{id}': ALL,
  'GET /api/v1/verifications/{id}/transcript': ALL,
  'POST /api/v1/verifications/{id}/cancel': STAFF,
  'POST /api/v1/verifications/{id}/reset-approval': STAFF,
  'POST /api/v1/verifications/{id}/referee-check': STAFF,
  'POST /api/v1/verifications/{id}/replay': OVERSIGHT,
  'GET /api/v1/verifications/{id}/history': OVERSIGHT,
  'GET /api/v1/directory/users': STAFF,
  'GET /api/v1/directory/users/{userId}/passkeys': ALL,
  'DELETE /api/v1/directory/users/{userId}/passkeys/{passkeyId}': ['admin'],
  'GET /api/v1/dev/outbox': STAFF,
  'GET /api/v1/audit-events': OVERSIGHT,
  'GET /api/v1/audit-events/verify': OVERSIGHT,
  'GET /api/v1/exports/verifications': OVERSIGHT,
  'GET /api/v1/exports/audit-events': OVERSIGHT,
  'POST /api/v1/temporal-codec/decode': OVERSIGHT,
  'POST /api/v1/temporal-codec/encode': ['admin'],
  'GET /api/v1/webhooks': ['admin'],
  'POST /api/v1/webhooks': ['admin'],
  'DELETE /api/v1/webhooks/{id}': ['admin'],
  'GET /api/v1/webhooks/{id}/deliveries': ['admin'],
  'GET /api/v1/directory/syncs': OVERSIGHT,
  'POST /api/v1/directory/syncs': ['admin'],
  'GET /api/v1/stats': ALL,
  'GET /api/v1/settings': ['admin'],
  'PUT /api/v1/settings/policy': ['admin'],
  'GET /api/v1/settings/policy/versions': OVERSIGHT,
  'GET /api/v1/api-keys': ['admin'],
  'POST /api/v1/api-keys': ['admin'],
  'DELETE /api/v1/api-keys/{id}': ['admin'],
  // Last: they end the caller's session.
  'POST /api/v1/ssp/session/finish': 'ssp',
  'POST /api/v1/auth/logout': 'signedIn',
};

/** An integrator's key with the agent role: what a ticketing system would hold. */
const API_KEY_ROLES = ['agent'] as const;

interface Credentials {
  cookie?: string;
  csrfToken?: string;
  key?: string;
  roles: readonly string[];
}

let stack: Stack;
let callers: Record<Caller, Credentials>;

beforeAll(async () => {
  // A host name, not an IP address, so that a pass gives a passkey enrolment grant (WebAuthn needs one);
  // proofs, because only a pass by proofs gives one.
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' }, { host: 'localhost' });
  const created = await call(stack, 'POST', '/api/v1/api-keys', { body: { name: 'ticketing', roles: API_KEY_ROLES } });
  expect(created.status).toBe(201);
  const [user] = await stack.db.dataSource.query(`SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL LIMIT 1`);
  const verification = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  const ssp = await startSession(stack, tokenOf(await linkFor(stack, verification.body.id)));
  expect(ssp.res.status).toBe(201);
  const passer = (await standardUsers(stack, 2)).find((u) => u.email !== user.email)!;
  const passing = await openSession(stack, passer);
  await vouchFor(stack, passing);
  const { grantCookie } = await finishSession(stack, passing);
  expect(grantCookie).not.toBeNull();
  const session = async (email: string) => {
    const s = await signInToConsole(stack, email);
    return { cookie: s.cookie, csrfToken: s.csrfToken, roles: s.roles };
  };
  callers = {
    anonymous: { roles: [] },
    sspSession: { cookie: ssp.cookie, roles: [] },
    passkeyEnrolment: { cookie: grantCookie!, roles: [] },
    agent: await session('agent@example.com'),
    auditor: await session('auditor@example.com'),
    admin: await session('admin@example.com'),
    apiKey: { key: created.body.key, roles: API_KEY_ROLES },
  };
});
afterAll(async () => {
  await stack?.stop();
});

function expected(access: Access, caller: Caller, credentials: Credentials): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'allowed';
  if (access === 'twilio') return 'forbidden';
  if (access === 'voucher') return 'unauthenticated';
  if (access === 'ssp') return caller === 'sspSession' ? 'allowed' : 'unauthenticated';
  if (access === 'passkeyEnrolment') return caller === 'passkeyEnrolment' ? 'allowed' : 'unauthenticated';
  const consoleUser = ['agent', 'auditor', 'admin'].includes(caller);
  if (access === 'signedIn') return consoleUser ? 'allowed' : 'unauthenticated';
  if (caller === 'anonymous' || caller === 'sspSession' || caller === 'passkeyEnrolment') return 'unauthenticated';
  return credentials.roles.some((role) => (access as readonly string[]).includes(role)) ? 'allowed' : 'forbidden';
}

/** One request as this caller; a stream (SSE) is cut as soon as its status is known. */
async function attempt(method: string, path: string, credentials: Credentials): Promise<number> {
  const headers: Record<string, string> = {};
  if (credentials.key) headers.authorization = `Bearer ${credentials.key}`;
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.csrfToken) headers['x-csrf-token'] = credentials.csrfToken;
  let body: string | undefined;
  if (method !== 'GET' && method !== 'DELETE') {
    body = '{}';
    headers['content-type'] = 'application/json';
  }
  const abort = new AbortController();
  const res = await fetch(`${stack.baseUrl}${path.replace('{id}', randomUUID())}`, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: abort.signal,
  });
  abort.abort();
  return res.status;
}

const classify = (status: number) => (status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'allowed');

test('the table covers exactly the endpoints the OpenAPI document lists', async () => {
  const doc = (await call(stack, 'GET', '/api/docs/openapi.json', { key: null })).body;
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(documented.sort()).toEqual(Object.keys(MATRIX).sort());
});

test('every endpoint × every caller answers as the table says, and never with a 5xx', async () => {
  const surprises: string[] = [];
  for (const [endpoint, access] of Object.entries(MATRIX)) {
    const [method, path] = endpoint.split(' ');
    for (const [caller, credentials] of Object.entries(callers) as [Caller, Credentials][]) {
      const status = await attempt(method, path, credentials);
      const want = expected(access, caller, credentials);
      if (status >= 500 || classify(status) !== want) surprises.push(`${endpoint} as ${caller}: ${status}, expected ${want}`);
    }
  }
  expect(surprises).toEqual([]);
});
