import { signInToConsole, type ConsoleSession } from '../support/console-session';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/** What the console reads and does beyond the integrator API: live status, two approvers, stats, keys, settings. */
let stack: Stack;
let agent: ConsoleSession;
let agent2: ConsoleSession;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_LIVE_HEARTBEAT_SECONDS: '1' });
  agent = await signInToConsole(stack, 'agent@example.com');
  agent2 = await signInToConsole(stack, 'agent2@example.com');
});
afterAll(async () => {
  await stack?.stop();
});

const as = (session: ConsoleSession) => ({ key: null, cookie: session.cookie, headers: { 'x-csrf-token': session.csrfToken } });

async function userIn(where: string) {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users u WHERE mobile_phone IS NOT NULL AND ${where} LIMIT 1`,
  );
  return user as { email: string; mobile_phone: string };
}

async function passedVerification(session: ConsoleSession, user: { email: string; mobile_phone: string }) {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    ...as(session),
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  await answerAll(stack, cookie, created.body.id, rightAnswer);
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', {
    key: null,
    cookie,
    body: {},
    headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1' },
  });
  expect(finished.body.outcome).toBe('passed');
  return created.body;
}

/**
 * Opens the live-status stream; answers once the response has begun, which the server sends only
 * when it is listening to changes, so nothing written after that is missed. `events` then reads
 * Server-Sent Events until `until` says stop (or the time runs out).
 */
async function openEvents(session: ConsoleSession, until: (events: any[]) => boolean, timeoutMs = 20_000) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const res = await fetch(`${stack.baseUrl}/api/v1/verifications/events`, { headers: { cookie: session.cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events = (async () => {
    const seen: any[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (/^event: verification$/m.test(block) && data) seen.push(JSON.parse(data));
        }
        if (until(seen)) break;
      }
    } catch {
      /* aborted on timeout: the assertion below says what was missing */
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
    return seen;
  })();
  return { events };
}

test('live status: a change made by the worker reaches a signed-in console over SSE', async () => {
  const user = await userIn(`NOT ('github-admins' = ANY(u.groups))`);
  let createdId = '';
  const stream = await openEvents(agent, (events) => events.some((e) => e.id === createdId && e.status === 'link_sent'));
  // The stream is listening now: the verification is created only after it opened.
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    ...as(agent),
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  createdId = created.body.id;
  const events = await stream.events;
  const statuses = events.filter((e) => e.id === createdId).map((e) => e.status);
  expect(statuses).toContain('link_sent');
  expect(events.find((e) => e.id === createdId)).toMatchObject({ user: { email: user.email }, requiredApprovals: 1 });
});

test('live status ends for a console user who signs out, within a heartbeat', async () => {
  const session = await signInToConsole(stack, 'agent@example.com');
  const res = await fetch(`${stack.baseUrl}/api/v1/verifications/events`, { headers: { cookie: session.cookie } });
  expect(res.status).toBe(200);
  const ended = (async () => {
    for await (const _chunk of res.body!) {
      /* drain until the server closes it */
    }
    return 'closed';
  })();
  const out = await call(stack, 'POST', '/api/v1/auth/logout', { ...as(session), body: {} });
  expect(out.status).toBe(200);
  // A bound, not a wait for something: the stream must close within a heartbeat (1 s here); 5 s is ample.
  const timeout = new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000));
  expect(await Promise.race([ended, timeout])).toBe('closed');
});

test('a privileged user needs two different approvers; the same agent again is a retry, not a second approval', async () => {
  const user = await userIn(`'github-admins' = ANY(u.groups)`);
  const v = await passedVerification(agent, user);
  expect(v.requiredApprovals).toBe(2);

  const first = await call(stack, 'POST', `/api/v1/verifications/${v.id}/reset-approval`, {
    ...as(agent),
    body: { action: 'password_reset' },
  });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ status: 'passed', approvals: [{ approvedBy: 'user:agent@example.com' }] });

  const again = await call(stack, 'POST', `/api/v1/verifications/${v.id}/reset-approval`, {
    ...as(agent),
    body: { action: 'password_reset' },
  });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ status: 'passed', approvals: [{ approvedBy: 'user:agent@example.com' }] });

  const second = await call(stack, 'POST', `/api/v1/verifications/${v.id}/reset-approval`, {
    ...as(agent2),
    body: { action: 'password_reset' },
  });
  expect(second.status).toBe(200);
  const done = await waitForVerification(stack, v.id, ['reset_completed']);
  // The device and network the caller used, for the panel: never the IP address itself.
  expect(done.session).toMatchObject({ deviceFamily: 'iOS · Safari', timezone: 'Europe/London', networkKind: expect.any(String) });
  expect(JSON.stringify(done.session)).not.toContain('127.0.0.1');
  expect(done.approvals.map((a: { approvedBy: string }) => a.approvedBy)).toEqual(['user:agent@example.com', 'user:agent2@example.com']);
  const audit = await stack.db.dataSource.query(
    `SELECT actor, action FROM audit_events WHERE target_id = $1 AND action LIKE 'reset_approval.%' ORDER BY id`,
    [v.id],
  );
  expect(audit).toEqual([
    { actor: 'user:agent@example.com', action: 'reset_approval.requested' },
    { actor: 'user:agent@example.com', action: 'reset_approval.accepted' },
    { actor: 'user:agent@example.com', action: 'reset_approval.requested' },
    { actor: 'user:agent2@example.com', action: 'reset_approval.requested' },
    { actor: 'user:agent2@example.com', action: 'reset_approval.accepted' },
  ]);
});

test('dashboard stats count what happened, by outcome, day and risk; a bad range is a 400', async () => {
  // At least one completed verification of its own, so the rates and the day have something to count.
  await passedVerification(agent, await userIn(`NOT ('github-admins' = ANY(u.groups)) ORDER BY u.id OFFSET 3`));
  const stats = await call(stack, 'GET', '/api/v1/stats', as(agent));
  expect(stats.status).toBe(200);
  const [{ total, passed }] = await stack.db.dataSource.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE outcome = 'passed')::int AS passed FROM verifications`,
  );
  expect(stats.body.total).toBe(total);
  expect(stats.body.byOutcome.passed).toBe(passed);
  expect(stats.body.rates.passed).toBeCloseTo(passed / (stats.body.total - stats.body.open - stats.body.byOutcome.cancelled), 5);
  expect(stats.body.riskHistogram).toHaveLength(11);
  expect(stats.body.riskHistogram.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(passed);
  expect(stats.body.perDay.at(-1).date).toBe(new Date().toISOString().slice(0, 10));
  expect(stats.body.medianSecondsToComplete).toBeGreaterThanOrEqual(0);

  const inverted = await call(stack, 'GET', '/api/v1/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', as(agent));
  expect(inverted.status).toBe(400);
  expect(inverted.contentType).toContain('application/problem+json');
});

test('API keys: shown once, listed without the secret, revoked at once; both audited', async () => {
  const admin = await signInToConsole(stack, 'admin@example.com');
  const created = await call(stack, 'POST', '/api/v1/api-keys', { ...as(admin), body: { name: 'ServiceNow', roles: ['agent'] } });
  expect(created.status).toBe(201);
  expect(created.body.key).toMatch(/^rg_[\w-]{32}$/);
  const list = await call(stack, 'GET', '/api/v1/api-keys', as(admin));
  expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  expect(list.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
    name: 'ServiceNow',
    roles: ['agent'],
    revokedAt: null,
  });

  expect((await call(stack, 'GET', '/api/v1/directory/users?q=a', { key: created.body.key })).status).toBe(200);
  expect((await call(stack, 'DELETE', `/api/v1/api-keys/${created.body.id}`, as(admin))).status).toBe(204);
  expect((await call(stack, 'GET', '/api/v1/directory/users?q=a', { key: created.body.key })).status).toBe(401);

  const bad = await call(stack, 'POST', '/api/v1/api-keys', { ...as(admin), body: { name: 'x', roles: ['root'] } });
  expect(bad.status).toBe(400);
  const actions = await stack.db.dataSource.query(`SELECT action FROM audit_events WHERE action LIKE 'api_key.%' ORDER BY id`);
  expect(actions.map((a: { action: string }) => a.action)).toEqual(['api_key.created', 'api_key.revoked']);
});

test('settings show the policy and role mapping in force, and no secret', async () => {
  const admin = await signInToConsole(stack, 'admin@example.com');
  const settings = await call(stack, 'GET', '/api/v1/settings', as(admin));
  expect(settings.status).toBe(200);
  expect(settings.body).toMatchObject({
    policy: { passThreshold: 0.5, maxRisk: 5 },
    privilegedGroups: expect.arrayContaining(['github-admins']),
    sso: { devIdp: true, rolesClaim: 'groups', roleGroups: { admin: ['resetgate-admins'] } },
  });
  expect(JSON.stringify(settings.body)).not.toMatch(/secret|password|test-idp-password|test-audit-key/i);
});

test('an admin saves a new policy version: audited with what changed, used by new verifications only, a stale edit refused', async () => {
  const admin = await signInToConsole(stack, 'admin@example.com');
  const auditor = await signInToConsole(stack, 'auditor@example.com');
  const user = await userIn(
    `NOT (groups && ARRAY['okta-admins','github-admins','workday-admins','endpoint-admins','fin-payroll']) AND cardinality(groups) > 0`,
  );
  const [{ groups }] = await stack.db.dataSource.query(`SELECT groups FROM directory_users WHERE email = $1`, [user.email]);
  const before = await call(stack, 'POST', '/api/v1/verifications', {
    ...as(agent),
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(before.body).toMatchObject({ policyVersion: 'default-1', requiredApprovals: 1 });

  const loaded = (await call(stack, 'GET', '/api/v1/settings', as(admin))).body;
  expect(loaded.policySource).toBeNull();
  const { version: _version, minQuestions: _minQuestions, ...policy } = loaded.policy;
  const edit = {
    basedOnVersion: loaded.policy.version,
    note: 'INC-9: longer approval window; treat this user’s group as privileged',
    policy: { ...policy, approvalWindowSeconds: 2700, maxRisk: 4 },
    maxVerificationsPerUserPerDay: loaded.limits.maxVerificationsPerUserPerDay,
    privilegedGroups: [...loaded.privilegedGroups, groups[0]],
    agentsSeeRiskScore: false,
  };
  const saved = await call(stack, 'PUT', '/api/v1/settings/policy', { ...as(admin), body: edit });
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({
    policy: { version: 'console-1', approvalWindowSeconds: 2700, maxRisk: 4 },
    policySource: { changedBy: 'user:admin@example.com', note: edit.note },
    agentsSeeRiskScore: false,
  });
  const [event] = await stack.db.dataSource.query(`SELECT actor, target_id, details FROM audit_events WHERE action = 'policy.changed'`);
  expect(event).toMatchObject({ actor: 'user:admin@example.com', target_id: 'console-1' });
  expect(event.details).toEqual({
    from: 'default-1',
    note: edit.note,
    changes: [
      { setting: 'policy.maxRisk', from: 5, to: 4 },
      { setting: 'policy.approvalWindowSeconds', from: 1800, to: 2700 },
      { setting: 'privilegedGroups', from: loaded.privilegedGroups, to: edit.privilegedGroups },
      { setting: 'agentsSeeRiskScore', from: true, to: false },
    ],
  });

  // A second admin still editing the old version is told, and nothing is written.
  const stale = await call(stack, 'PUT', '/api/v1/settings/policy', { ...as(admin), body: { ...edit, maxVerificationsPerUserPerDay: 9 } });
  expect(stale.status).toBe(409);
  expect(stale.body).toMatchObject({ type: 'https://resetgate.dev/problems/policy-changed', currentVersion: 'console-1' });

  // New verifications take the new version; the open one keeps the policy it started with.
  const after = await call(stack, 'POST', '/api/v1/verifications', {
    ...as(agent),
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(after.body).toMatchObject({ policyVersion: 'console-1', requiredApprovals: 2, riskScore: null });
  const [row] = await stack.db.dataSource.query(`SELECT policy FROM verifications WHERE id = $1`, [before.body.id]);
  expect(row.policy).toMatchObject({ version: 'default-1', approvalWindowSeconds: 1800 });

  const versions = await call(stack, 'GET', '/api/v1/settings/policy/versions', as(auditor));
  expect(versions.body.items).toMatchObject([{ version: 'console-1', changedBy: 'user:admin@example.com', note: edit.note }]);
  await expect(stack.db.dataSource.query(`UPDATE policy_versions SET note = 'rewritten'`)).rejects.toThrow(/append-only/);
});
