import { browse, CookieJar, signInToConsole } from '../support/console-session';
import { call, type Stack, startStack } from '../support/stack';

/** Console sign-in through the development IdP: OIDC code flow with PKCE, session cookie, CSRF, logout. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const auditActions = async (actor: string) =>
  (await stack.db.dataSource.query(`SELECT action FROM audit_events WHERE actor = $1 ORDER BY id`, [actor])).map(
    (row: { action: string }) => row.action,
  );

test('an agent signs in with the demo password and gets a session with the agent role, audited', async () => {
  const session = await signInToConsole(stack, 'agent@example.com');
  expect(session.roles).toEqual(['agent']);
  expect(session.cookie).toMatch(/^rg_console=[\w-]{43}$/);
  const me = await call(stack, 'GET', '/api/v1/auth/session', { key: null, cookie: session.cookie });
  expect(me.body.user).toEqual({ email: 'agent@example.com', name: 'Alex Agent', roles: ['agent'] });
  expect(await auditActions('user:agent@example.com')).toContain('auth.sign_in');
  // The session cookie is httpOnly and never holds an IdP token: only the random id travels.
  const [stored] = await stack.db.dataSource.query(`SELECT session_hash FROM console_sessions WHERE email = 'agent@example.com'`);
  expect(stored.session_hash).toHaveLength(32);
});

test('a wrong password stays on the IdP with an error and creates no session', async () => {
  await expect(signInToConsole(stack, 'auditor@example.com', 'not-the-password')).rejects.toThrow(
    /sign-in ended at 401|no console session/,
  );
  const [{ count }] = await stack.db.dataSource.query(
    `SELECT count(*)::int AS count FROM console_sessions WHERE email = 'auditor@example.com'`,
  );
  expect(count).toBe(0);
});

test('someone in no ResetGate group is sent back to the console with no_role, and it is audited', async () => {
  const jar = new CookieJar();
  const form = await (await browse(jar, `${stack.baseUrl}/api/v1/auth/login`)).text();
  const action = /action="([^"]+\/login)"/.exec(form)![1];
  const res = await fetch(new URL(action, stack.baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'visitor@example.com', password: 'test-idp-password' }).toString(),
  });
  jar.store(res);
  const end = await browse(jar, new URL(res.headers.get('location')!, stack.baseUrl).toString());
  expect(end.url).toMatch(/\/console\/\?signInError=no_role$/);
  expect(jar.header(['rg_console'])).toBe('');
  expect(await auditActions('user:visitor@example.com')).toEqual(['auth.sign_in_refused']);
});

test('a callback not started in this browser, or with a forged state, is refused with a problem', async () => {
  const noCookie = await call(stack, 'GET', '/api/v1/auth/callback?code=abc&state=xyz', { key: null });
  expect(noCookie.status).toBe(400);
  expect(noCookie.contentType).toContain('application/problem+json');
  expect(noCookie.body.type).toBe('https://resetgate.dev/problems/sign-in-failed');

  const jar = new CookieJar();
  const start = await fetch(`${stack.baseUrl}/api/v1/auth/login`, { redirect: 'manual' });
  jar.store(start);
  const forged = await call(stack, 'GET', '/api/v1/auth/callback?code=abc&state=forged', { key: null, cookie: jar.header() });
  expect(forged.status).toBe(400);
  expect(forged.body.type).toBe('https://resetgate.dev/problems/sign-in-failed');
  // The attempt was spent: replaying the same browser cookie fails too.
  const again = await call(stack, 'GET', '/api/v1/auth/callback?code=abc&state=forged', { key: null, cookie: jar.header() });
  expect(again.status).toBe(400);
});

test('changes with a session cookie need the CSRF token and our origin; nothing changes without them', async () => {
  const session = await signInToConsole(stack, 'agent@example.com');
  const [user] = await stack.db.dataSource.query(`SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL LIMIT 1`);
  const body = { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' };
  const count = async () => (await stack.db.dataSource.query(`SELECT count(*)::int AS n FROM verifications`))[0].n;
  const before = await count();

  const noToken = await call(stack, 'POST', '/api/v1/verifications', { key: null, cookie: session.cookie, body });
  expect(noToken.status).toBe(403);
  expect(noToken.body.type).toBe('https://resetgate.dev/problems/csrf-failed');
  const wrongOrigin = await call(stack, 'POST', '/api/v1/verifications', {
    key: null,
    cookie: session.cookie,
    body,
    headers: { 'x-csrf-token': session.csrfToken, origin: 'https://evil.example' },
  });
  expect(wrongOrigin.status).toBe(403);
  expect(await count()).toBe(before);

  const ok = await call(stack, 'POST', '/api/v1/verifications', {
    key: null,
    cookie: session.cookie,
    body,
    headers: { 'x-csrf-token': session.csrfToken, origin: stack.baseUrl },
  });
  expect(ok.status).toBe(201);
  expect(ok.body.initiatedBy).toBe('user:agent@example.com');
});

test('logout ends the session here and hands back the IdP logout URL', async () => {
  const session = await signInToConsole(stack, 'admin@example.com');
  const refused = await call(stack, 'POST', '/api/v1/auth/logout', { key: null, cookie: session.cookie });
  expect(refused.status).toBe(403);
  const out = await call(stack, 'POST', '/api/v1/auth/logout', {
    key: null,
    cookie: session.cookie,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(out.status).toBe(200);
  expect(out.body.logoutUrl).toContain(`${stack.baseUrl}/dev-idp/session/end`);
  const after = await call(stack, 'GET', '/api/v1/auth/session', { key: null, cookie: session.cookie });
  expect(after.status).toBe(401);
  const list = await call(stack, 'GET', '/api/v1/verifications', { key: null, cookie: session.cookie });
  expect(list.status).toBe(401);
  expect(await auditActions('user:admin@example.com')).toEqual(['auth.sign_in', 'auth.sign_out']);
});
