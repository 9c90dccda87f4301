import { browse, CookieJar } from '../support/console-session';
import { answerAll, linkFor, startSession, tokenOf } from '../support/ssp-client';
import { call, type Stack, startStack, TEST_IDP_PASSWORD } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/** The SSP's optional IdP step-up, through the development IdP: matched, someone else, cancelled, forged. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface DirectoryUser {
  email: string;
  mobile_phone: string;
}

async function users(count: number): Promise<DirectoryUser[]> {
  return stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL AND active ORDER BY email LIMIT $1`,
    [count],
  );
}

async function openSession(user: DirectoryUser) {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  return { id: created.body.id as string, cookie };
}

/** Presses "Sign in with your work account", then signs in at the IdP as `signInAs` (or cancels). */
async function stepUp(sspCookie: string, signInAs: string | null): Promise<string> {
  const jar = new CookieJar();
  const begin = await fetch(`${stack.baseUrl}/api/v1/ssp/session/step-up`, {
    method: 'POST',
    headers: { cookie: sspCookie, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(begin.status).toBe(200);
  jar.store(begin);
  const { authorizationUrl } = (await begin.json()) as { authorizationUrl: string };
  expect(authorizationUrl).toContain('prompt=login');
  const form = await browse(jar, authorizationUrl);
  const html = await form.text();
  const uid = /interaction\/([\w-]+)\/login/.exec(html)![1];
  const path = signInAs ? `/dev-idp/interaction/${uid}/login` : `/dev-idp/interaction/${uid}/abort`;
  const end = await browse(jar, `${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: signInAs ? new URLSearchParams({ email: signInAs, password: TEST_IDP_PASSWORD }).toString() : '',
  });
  return new URL(end.url).search;
}

async function finishWithRightAnswers(id: string, cookie: string) {
  await answerAll(stack, cookie, id, rightAnswer);
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  return finished.body.outcome;
}

test('signing in at the IdP as the user counts as a method and lowers the risk; it is audited', async () => {
  const [user] = await users(1);
  const { id, cookie } = await openSession(user);
  const before = await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie });
  expect(before.body.stepUp).toEqual({ offered: true, result: null });

  expect(await stepUp(cookie, user.email)).toBe('?stepUp=matched');
  const after = await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie });
  expect(after.body.stepUp).toEqual({ offered: false, result: 'matched' });

  expect(await finishWithRightAnswers(id, cookie)).toBe('passed');
  const v = (await call(stack, 'GET', `/api/v1/verifications/${id}`)).body;
  expect(v.outcomeReason).toContain('with IdP sign-in');
  expect(v.stepUp).toMatchObject({ matched: true });
  expect(v.summary.persona.factors).toContain("Signed in again at the organisation's IdP as this user −2");
  const [audit] = await stack.db.dataSource.query(`SELECT details FROM audit_events WHERE target_id = $1 AND action = 'ssp.step_up'`, [id]);
  expect(audit.details).toEqual({ matched: true, idpSubject: user.email.toLowerCase() });
});

test('signing in as someone else is recorded as a mismatch and fails a perfect challenge on risk', async () => {
  const [user, other] = await users(2);
  const { id, cookie } = await openSession(user);
  expect(await stepUp(cookie, other.email)).toBe('?stepUp=mismatch');
  expect(await finishWithRightAnswers(id, cookie)).toBe('failed');
  const v = (await call(stack, 'GET', `/api/v1/verifications/${id}`)).body;
  expect(v.summary.persona.factors).toContain("Signed in at the organisation's IdP as someone else +6");
  // Six risk points raise the bar beyond what right answers alone reach.
  expect(v.outcomeReason).toMatch(/raised by risk (6|7|8|9|10)\)|above maximum/);
});

test('cancelling at the IdP changes nothing and the offer stands; a second step-up after a result is refused', async () => {
  const [, , user] = await users(3);
  const { cookie } = await openSession(user);
  expect(await stepUp(cookie, null)).toBe('?stepUp=cancelled');
  expect((await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie })).body.stepUp).toEqual({ offered: true, result: null });
  expect(await stepUp(cookie, user.email)).toBe('?stepUp=matched');
  const again = await call(stack, 'POST', '/api/v1/ssp/session/step-up', { key: null, cookie, body: {} });
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('https://resetgate.dev/problems/step-up-unavailable');
});

test('a callback not started from this browser is refused with a problem', async () => {
  const res = await call(stack, 'GET', '/api/v1/ssp/step-up/callback?code=x&state=y', { key: null });
  expect(res.status).toBe(400);
  expect(res.body.type).toBe('https://resetgate.dev/problems/sign-in-failed');
});
