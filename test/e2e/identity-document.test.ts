import { AuditEventEntity, DirectoryUserEntity, VerificationEntity } from '../../core/database/entities';
import { CookieJar } from '../support/console-session';
import { type DirectoryUser, finishSession, openSession, standardUsers } from '../support/passkey-client';
import { waitForVerification } from '../support/ssp-client';
import { type ApiResponse, call, type Stack, startStack } from '../support/stack';

/**
 * The identity_document proof over HTTP against the real processes (docs/assurance.md, "Identity
 * document"), through the development identity-verification provider at /dev/idv, which speaks
 * OpenID Connect for Identity Assurance. Under RESETGATE_ASSURANCE=proofs: a document whose name
 * matches is met and passes the standard policy; another name is failed; every bad callback is a
 * 4xx problem that records nothing.
 */
let stack: Stack;
let users: DirectoryUser[];
const CALLBACK = '/api/v1/ssp/identity-document/callback';

beforeAll(async () => {
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' });
  // The provider lives in the API at its own URL, known only now: restart both processes pointed at it.
  await stack.restartApi({ IDV_ISSUER: `${stack.baseUrl}/dev/idv`, IDV_CLIENT_ID: 'resetgate-ssp', IDV_CLIENT_SECRET: 'test-idv-secret' });
  await stack.killWorker('SIGTERM');
  await stack.startWorker();
  users = await standardUsers(stack, 6);
});
afterAll(async () => {
  await stack?.stop();
});

function expectProblem(res: { status: number; contentType: string; body: any }, status: number, slug: string) {
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: `https://resetgate.dev/problems/${slug}` });
  expect(res.contentType).toContain('application/problem+json');
}

const sessionView = async (cookie: string) => (await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie })).body;
const verificationRow = (id: string) => stack.db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id });
const documentProofs = async (id: string) => ((await verificationRow(id)).proofs ?? []).filter((p) => p.kind === 'identity_document');
const audited = (id: string, action: string) =>
  stack.db.dataSource.getRepository(AuditEventEntity).find({ where: { targetId: id, action }, order: { id: 'ASC' } });
const directoryName = (user: DirectoryUser) => stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.id });

/** Follows redirects by hand, keeping cookies, and stops before `stopAt` (a path) is requested. */
async function follow(jar: CookieJar, url: string, init: RequestInit = {}, stopAt?: string): Promise<{ res?: Response; url: string }> {
  let next = url;
  let request = init;
  for (let hop = 0; hop < 10; hop++) {
    if (stopAt && new URL(next).pathname === stopAt) return { url: next };
    const res = await fetch(next, { ...request, redirect: 'manual', headers: { ...request.headers, cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { res, url: next };
    next = new URL(location, next).toString();
    request = {};
  }
  throw new Error(`too many redirects from ${url}`);
}

/** Presses "Verify with an identity document": the browser's jar (with the binding cookie) and the provider's page. */
async function begin(sspCookie: string) {
  const res = await fetch(`${stack.baseUrl}/api/v1/ssp/session/identity-document`, {
    method: 'POST',
    headers: { cookie: sspCookie, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
  const jar = new CookieJar();
  jar.store(res);
  expect(res.headers.getSetCookie().find((c) => c.startsWith('rg_identity_document='))).toMatch(
    /Path=\/api\/v1\/ssp\/identity-document; .*HttpOnly; SameSite=Lax/,
  );
  const { authorizationUrl } = (await res.json()) as { authorizationUrl: string };
  const page = await follow(jar, authorizationUrl);
  const html = await page.res!.text();
  const uid = /interaction\/([\w-]+)\/scan/.exec(html)![1];
  return { jar, authorizationUrl: new URL(authorizationUrl), uid, html };
}

/** Scans a document with this name at the provider; stops where the provider sends the browser back. */
async function scan(jar: CookieJar, uid: string, name: { given: string; family: string }, selfie = true): Promise<string> {
  const body = new URLSearchParams({
    documentType: 'passport',
    givenName: name.given,
    familyName: name.family,
    ...(selfie && { selfie: 'matched' }),
  });
  const { url } = await follow(
    jar,
    `${stack.baseUrl}/dev/idv/interaction/${uid}/scan`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() },
    CALLBACK,
  );
  expect(new URL(url).pathname).toBe(CALLBACK);
  return url;
}

/** The browser arriving at the callback with whatever cookies the jar (or this Cookie header) holds. */
async function arrive(jar: CookieJar | string, callbackUrl: string): Promise<ApiResponse> {
  const cookie = typeof jar === 'string' ? jar : jar.header();
  const res = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* a redirect has no JSON */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, headers: res.headers };
}

test('the session offers it; a document and selfie in the directory’s name are met, audited, and pass the standard policy', async () => {
  const user = users[0];
  const session = await openSession(stack, user);
  expect((await sessionView(session.cookie)).identityDocument).toEqual({ offered: true, done: false });
  // A provider is configured: the proof is no longer unavailable from the start.
  expect(await documentProofs(session.id)).toEqual([]);

  const { jar, authorizationUrl, uid, html } = await begin(session.cookie);
  expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${stack.baseUrl}/dev/idv/auth`);
  expect(JSON.parse(authorizationUrl.searchParams.get('claims')!)).toMatchObject({
    id_token: {
      verified_claims: {
        verification: { trust_framework: null, time: null, evidence: expect.any(Array) },
        claims: { given_name: null, family_name: null },
      },
    },
  });
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizationUrl.searchParams.get('login_hint')).toBe(user.email);
  const record = await directoryName(user);
  expect(html).toContain(`value="${record.givenName}"`);

  const callbackUrl = await scan(jar, uid, { given: record.givenName.toUpperCase(), family: record.familyName });
  const back = await arrive(jar, callbackUrl);
  expect(back.status).toBe(302);
  expect(back.headers.get('location')).toBe('/ssp/?document=met');

  const [proof] = await documentProofs(session.id);
  expect(proof).toMatchObject({
    kind: 'identity_document',
    status: 'met',
    detail: expect.stringMatching(
      /^an identity document \(passport\) and a selfie checked by .+ under eidas; the name matches the directory record$/,
    ),
    evidence: {
      issuer: `${stack.baseUrl}/dev/idv`,
      trustFramework: 'eidas',
      verifiedAt: expect.any(String),
      documentType: 'passport',
      selfie: true,
      nameMatch: 'exact',
    },
  });
  // The provider sent a document number and an expiry date: neither is kept.
  expect(JSON.stringify(await verificationRow(session.id))).not.toMatch(/document_number|date_of_expiry|"D\d{8}"/);
  const [audit] = await audited(session.id, 'ssp.identity_document');
  expect(audit).toMatchObject({ actor: 'ssp-user', details: { status: 'met', nameMatch: 'exact', trustFramework: 'eidas', selfie: true } });
  expect((await sessionView(session.cookie)).identityDocument).toEqual({ offered: false, done: true });

  // A proof already met: a second check is refused and changes nothing.
  const again = await call(stack, 'POST', '/api/v1/ssp/session/identity-document', { key: null, cookie: session.cookie, body: {} });
  expectProblem(again, 409, 'identity-document-unavailable');

  const { finished } = await finishSession(stack, session);
  expect(finished.body.outcome).toBe('passed');
  const verification = await waitForVerification(stack, session.id, ['passed']);
  expect(verification.receipt).toMatchObject({
    outcome: 'passed',
    assurance: 'standard',
    recoveryClass: 'repeated_identity_proofing',
    decidedBy: ['destination_of_record', 'identity_document'],
  });
});

test('someone else’s name on the document: failed, in plain words for the agent; no second try; the verification fails', async () => {
  const user = users[1];
  const session = await openSession(stack, user);
  const record = await directoryName(user);
  const { jar, uid } = await begin(session.cookie);
  const back = await arrive(jar, await scan(jar, uid, { given: 'Jordan Lee', family: 'Doe' }));
  expect(back.headers.get('location')).toBe('/ssp/?document=failed');

  expect(await documentProofs(session.id)).toEqual([
    expect.objectContaining({
      status: 'failed',
      detail: `the document’s name, J. Doe, does not match the directory record, ${record.givenName} ${record.familyName}`,
      evidence: expect.objectContaining({ nameMatch: 'mismatch', selfie: true }),
    }),
  ]);
  expect(await audited(session.id, 'ssp.identity_document')).toEqual([
    expect.objectContaining({ details: expect.objectContaining({ status: 'failed', nameMatch: 'mismatch' }) }),
  ]);
  expect((await sessionView(session.cookie)).identityDocument).toEqual({ offered: false, done: true });
  const again = await call(stack, 'POST', '/api/v1/ssp/session/identity-document', { key: null, cookie: session.cookie, body: {} });
  expectProblem(again, 409, 'identity-document-unavailable');

  const { finished } = await finishSession(stack, session);
  expect(finished.body.outcome).toBe('failed');
  const verification = await waitForVerification(stack, session.id, ['failed']);
  expect(verification.proofs).toContainEqual(expect.objectContaining({ kind: 'identity_document', status: 'failed' }));
});

test('a document without a selfie is failed: the person was not compared with it', async () => {
  const user = users[2];
  const session = await openSession(stack, user);
  const record = await directoryName(user);
  const { jar, uid } = await begin(session.cookie);
  const back = await arrive(jar, await scan(jar, uid, { given: record.givenName, family: record.familyName }, false));
  expect(back.headers.get('location')).toBe('/ssp/?document=failed');
  expect(await documentProofs(session.id)).toEqual([
    expect.objectContaining({
      status: 'failed',
      detail: expect.stringContaining('no selfie'),
      evidence: expect.objectContaining({ selfie: false }),
    }),
  ]);
});

describe('bad callbacks: a 4xx problem, nothing recorded', () => {
  test('a replayed callback (same state, same browser or none) is refused, and the proof stays as the first answer left it', async () => {
    const user = users[3];
    const session = await openSession(stack, user);
    const record = await directoryName(user);
    const { jar, uid } = await begin(session.cookie);
    const callbackUrl = await scan(jar, uid, { given: record.givenName, family: record.familyName });
    // Keep the binding cookie as an attacker replaying the browser's request would.
    const replayCookie = jar.header(['rg_identity_document']);
    expect(replayCookie).toMatch(/^rg_identity_document=.+/);
    expect((await arrive(jar, callbackUrl)).headers.get('location')).toBe('/ssp/?document=met');
    const proofsAfterFirst = await documentProofs(session.id);

    expectProblem(await arrive(replayCookie, callbackUrl), 400, 'identity-document-invalid');
    expectProblem(await arrive(new CookieJar(), callbackUrl), 400, 'identity-document-invalid');
    expect(await documentProofs(session.id)).toEqual(proofsAfterFirst);
    expect(await audited(session.id, 'ssp.identity_document')).toHaveLength(1);
  });

  test('a callback with no SSP session open (it finished meanwhile) is refused and audited; no proof', async () => {
    const user = users[4];
    const session = await openSession(stack, user);
    const record = await directoryName(user);
    const { jar, uid } = await begin(session.cookie);
    const callbackUrl = await scan(jar, uid, { given: record.givenName, family: record.familyName });
    await finishSession(stack, session);
    const before = (await verificationRow(session.id)).proofs;

    expectProblem(await arrive(jar, callbackUrl), 401, 'session-invalid');
    expect((await verificationRow(session.id)).proofs).toEqual(before);
    // Only what the end of the session says of a document never tried: no result from this callback.
    expect((await documentProofs(session.id)).map((p) => p.status)).toEqual(['unavailable']);
    expect(await audited(session.id, 'ssp.identity_document_refused')).toEqual([
      expect.objectContaining({ details: { reason: 'no open session' } }),
    ]);
    // Without the browser's binding cookie, nothing is even looked up.
    expectProblem(await call(stack, 'GET', `${CALLBACK}?code=x&state=y`, { key: null }), 400, 'identity-document-invalid');
    // And no session to start one from.
    expectProblem(await call(stack, 'POST', '/api/v1/ssp/session/identity-document', { key: null, body: {} }), 401, 'session-invalid');
  });

  test('an error from the provider is refused and audited; a cancel returns to the SSP; neither records a proof, and the offer stands', async () => {
    const user = users[5];
    const session = await openSession(stack, user);

    const failing = await begin(session.cookie);
    const state = failing.authorizationUrl.searchParams.get('state')!;
    const error = await arrive(failing.jar, `${stack.baseUrl}${CALLBACK}?error=server_error&state=${state}`);
    expectProblem(error, 400, 'identity-document-invalid');
    expect(await audited(session.id, 'ssp.identity_document_refused')).toEqual([
      expect.objectContaining({ details: { reason: 'provider error: server_error' } }),
    ]);

    const cancelling = await begin(session.cookie);
    const { url } = await follow(
      cancelling.jar,
      `${stack.baseUrl}/dev/idv/interaction/${cancelling.uid}/abort`,
      { method: 'POST' },
      CALLBACK,
    );
    expect(new URL(url).searchParams.get('error')).toBe('access_denied');
    expect((await arrive(cancelling.jar, url)).headers.get('location')).toBe('/ssp/?document=cancelled');
    expect(await audited(session.id, 'ssp.identity_document_cancelled')).toHaveLength(1);

    expect(await documentProofs(session.id)).toEqual([]);
    expect((await sessionView(session.cookie)).identityDocument).toEqual({ offered: true, done: false });
  });
});
