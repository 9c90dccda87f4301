import { DirectorySyncEntity } from '../../core/database/entities';
import { schemaErrors } from '../support/json-schema';
import { finishSession, openSession, standardUsers } from '../support/passkey-client';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { type ApiResponse, call, type Stack, startStack } from '../support/stack';
import { managerAnswers, vouchFor } from '../support/vouch-client';
import { rightAnswer } from '../support/workflow-harness';

/**
 * The console's client types are generated from the OpenAPI document, so the document must say
 * what the API really answers. Real answers from the running stack are checked against the
 * response schema the served document gives for that operation and status.
 */
let stack: Stack;
let document: Record<string, any>;
beforeAll(async () => {
  // localhost: passkeys need a host name as their relying party.
  // Proofs: a vouch and a passkey count, and only a pass by proofs lets the user add a passkey.
  stack = await startStack({ RESETGATE_WEBHOOK_ALLOW_PRIVATE: 'true', RESETGATE_ASSURANCE: 'proofs' }, { host: 'localhost' });
  document = (await call(stack, 'GET', '/api/docs/openapi.json', { key: null })).body;
});
afterAll(async () => {
  await stack?.stop();
});

function errorsFor(method: string, path: string, res: ApiResponse<unknown>, body: unknown = res.body): string[] {
  const schema = document.paths[path]?.[method.toLowerCase()]?.responses?.[String(res.status)]?.content?.['application/json']?.schema;
  if (!schema) return [`${method} ${path} ${res.status}: the document gives no JSON schema`];
  return schemaErrors(document, schema, body);
}

function expectDocumented(method: string, path: string, res: ApiResponse<unknown>) {
  expect({ status: res.status, errors: errorsFor(method, path, res) }).toEqual({ status: res.status, errors: [] });
}

async function someUser(offset: number): Promise<{ email: string; mobile_phone: string }> {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users u
      WHERE mobile_phone IS NOT NULL AND manager_id IS NOT NULL AND NOT ('github-admins' = ANY(u.groups))
        AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id)
      ORDER BY id OFFSET $1 LIMIT 1`,
    [offset],
  );
  return user;
}

async function create(user: { email: string; mobile_phone: string }) {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset', ticketRef: 'INC-42' },
  });
  expectDocumented('POST', '/api/v1/verifications', created);
  return created.body;
}

test('the document is OpenAPI 3.1 throughout: nulls are types, not the 3.0 `nullable` keyword', () => {
  expect(document.openapi).toBe('3.1.0');
  expect(JSON.stringify(document)).not.toContain('"nullable":');
});

test('a verification matches the document at every step: create, get, list, transcript, approval, replay, cancel', async () => {
  const v = await create(await someUser(0));
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, v.id)));
  await vouchFor(stack, { id: v.id, cookie });
  await answerAll(stack, cookie, v.id, rightAnswer);
  await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  await waitForVerification(stack, v.id, ['passed']);

  const passed = await call(stack, 'GET', `/api/v1/verifications/${v.id}`);
  expectDocumented('GET', '/api/v1/verifications/{id}', passed);
  expect(passed.body.session).not.toBeNull();
  expect(passed.body.deliveries.length).toBeGreaterThan(0);

  // The check bites: a field the document does not name, a missing one, or a wrong type all fail.
  const get = (body: unknown) => errorsFor('GET', '/api/v1/verifications/{id}', passed, body);
  expect(get({ ...passed.body, undocumented: 1 })).toEqual(['$.undocumented: not in the document']);
  const { deliveries: _d, ...withoutDeliveries } = passed.body;
  expect(get(withoutDeliveries)).toEqual(['$.deliveries: missing']);
  expect(get({ ...passed.body, session: { ...passed.body.session, asn: 'AS1' } })).toHaveLength(1);

  expectDocumented('GET', '/api/v1/verifications/{id}/transcript', await call(stack, 'GET', `/api/v1/verifications/${v.id}/transcript`));

  const approved = await call(stack, 'POST', `/api/v1/verifications/${v.id}/reset-approval`, {
    body: { action: 'password_reset', note: 'called back on the number on file' },
  });
  expectDocumented('POST', '/api/v1/verifications/{id}/reset-approval', approved);
  const done = await waitForVerification(stack, v.id, ['reset_completed']);
  expect(done.connectorResult).not.toBeNull();
  expectDocumented('GET', '/api/v1/verifications/{id}', await call(stack, 'GET', `/api/v1/verifications/${v.id}`));

  const replay = await call(stack, 'POST', `/api/v1/verifications/${v.id}/replay`);
  expectDocumented('POST', '/api/v1/verifications/{id}/replay', replay);
  expect(replay.body.timeline.length).toBeGreaterThan(0);

  const open = await create(await someUser(1));
  expectDocumented('POST', '/api/v1/verifications/{id}/cancel', await call(stack, 'POST', `/api/v1/verifications/${open.id}/cancel`));

  const page = await call(stack, 'GET', '/api/v1/verifications?limit=1');
  expectDocumented('GET', '/api/v1/verifications', page);
  expect(page.body.nextCursor).not.toBeNull();
});

test('directory, audit, stats, settings, syncs and webhooks answers match the document', async () => {
  await stack.db.dataSource.getRepository(DirectorySyncEntity).save([
    { id: 'sync-running', source: 'scim', status: 'running', startedAt: new Date(), finishedAt: null, durationMs: null },
    {
      id: 'sync-failed',
      source: 'file',
      status: 'failed',
      startedAt: new Date(Date.now() - 60_000),
      finishedAt: new Date(),
      durationMs: 60_000,
      errors: [{ id: 'u-1', message: 'no email' }],
      error: 'the file is gone',
    },
  ]);
  const webhook = await call(stack, 'POST', '/api/v1/webhooks', { body: { url: 'http://127.0.0.1:9/hook', description: 'schema test' } });
  expectDocumented('POST', '/api/v1/webhooks', webhook);
  await create(await someUser(2));
  // The settings before any console edit (policySource null), then a saved version.
  expectDocumented('GET', '/api/v1/settings', await call(stack, 'GET', '/api/v1/settings'));
  const { policy, limits, privilegedGroups, agentsSeeRiskScore } = (await call(stack, 'GET', '/api/v1/settings')).body;
  const { version, minQuestions: _minQuestions, ...editable } = policy;
  const saved = await call(stack, 'PUT', '/api/v1/settings/policy', {
    body: { basedOnVersion: version, note: 'schema test', policy: editable, ...limits, privilegedGroups, agentsSeeRiskScore },
  });
  expect(saved.status).toBe(200);
  expectDocumented('PUT', '/api/v1/settings/policy', saved);

  const reads: [string, string][] = [
    ['/api/v1/directory/users', '/api/v1/directory/users?q=a'],
    ['/api/v1/audit-events', '/api/v1/audit-events?limit=5'],
    ['/api/v1/audit-events/verify', '/api/v1/audit-events/verify'],
    ['/api/v1/stats', '/api/v1/stats'],
    ['/api/v1/settings', '/api/v1/settings'],
    ['/api/v1/settings/policy/versions', '/api/v1/settings/policy/versions'],
    ['/api/v1/directory/syncs', '/api/v1/directory/syncs'],
    ['/api/v1/webhooks', '/api/v1/webhooks'],
    ['/api/v1/webhooks/{id}/deliveries', `/api/v1/webhooks/${webhook.body.id}/deliveries`],
    ['/api/v1/api-keys', '/api/v1/api-keys'],
  ];
  for (const [template, url] of reads) {
    const res = await call(stack, 'GET', url);
    expect({ url, errors: errorsFor('GET', template, res) }).toEqual({ url, errors: [] });
    expect(res.status).toBe(200);
  }
});

test('the SSP’s answers match the document: the session, the vouch, the finish, and a recovery passkey enrolled then asserted', async () => {
  const [user] = await standardUsers(stack, 1, 10);
  const passkey = new SoftAuthenticator();
  const origin = stack.baseUrl;
  const post = (path: string, cookie: string, body: unknown = {}) => call(stack, 'POST', path, { key: null, cookie, body });

  const first = await openSession(stack, user);
  expectDocumented('GET', '/api/v1/ssp/session', await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie: first.cookie }));
  const vouch = '/api/v1/ssp/session/vouch';
  expectDocumented('GET', vouch, await call(stack, 'GET', vouch, { key: null, cookie: first.cookie }));
  expectDocumented('POST', vouch, await post(vouch, first.cookie));
  await managerAnswers(stack, first.id);
  // Only a pass by proofs lets the user add a passkey.
  const { finished, grantCookie } = await finishSession(stack, first);
  expectDocumented('POST', '/api/v1/ssp/session/finish', finished);
  const creation = await post('/api/v1/ssp/passkeys/registration/options', grantCookie!);
  expectDocumented('POST', '/api/v1/ssp/passkeys/registration/options', creation);
  const enrolled = await post('/api/v1/ssp/passkeys/registration/verify', grantCookie!, passkey.register(creation.body, { origin }));
  expectDocumented('POST', '/api/v1/ssp/passkeys/registration/verify', enrolled);

  const second = await openSession(stack, user);
  expectDocumented('GET', '/api/v1/ssp/session', await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie: second.cookie }));
  const request = await post('/api/v1/ssp/passkeys/authentication/options', second.cookie);
  expectDocumented('POST', '/api/v1/ssp/passkeys/authentication/options', request);
  const asserted = await post('/api/v1/ssp/passkeys/authentication/verify', second.cookie, passkey.assert(request.body, { origin }));
  expectDocumented('POST', '/api/v1/ssp/passkeys/authentication/verify', asserted);
});
