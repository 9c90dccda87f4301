import { AuditEventEntity, DeliveryEntity, DevOutboxMessageEntity } from '../../core/database/entities';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { apiKeyWithRoles, call, type Stack, startStack } from '../support/stack';
import { rightAnswer, wrongAnswer } from '../support/workflow-harness';

/** The integrator's and the user's whole journey, over HTTP, against the real processes. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function someUser(offset: number): Promise<{ id: string; email: string; mobile_phone: string }> {
  const rows = await stack.db.dataSource.query(
    `SELECT id, email, mobile_phone FROM directory_users u
      WHERE manager_id IS NOT NULL AND cardinality(groups) > 1 AND mobile_phone IS NOT NULL
        AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id)
      ORDER BY id OFFSET $1 LIMIT 1`,
    [offset],
  );
  return rows[0];
}

async function create(userEmail: string, destination: string, extra: Record<string, unknown> = {}) {
  return call(stack, 'POST', '/api/v1/verifications', {
    body: { user: userEmail, channel: 'sms', destination, reason: 'password_reset', ticketRef: 'INC-7', ...extra },
  });
}

test('create → dev outbox link → SSP session → answers → passed → approval → history export', async () => {
  const user = await someUser(0);
  const created = await create(user.email, user.mobile_phone);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    user: { id: user.id, email: user.email },
    channel: 'sms',
    reason: 'password_reset',
    ticketRef: 'INC-7',
  });
  expect(created.body.destinationMasked).not.toContain(user.mobile_phone.slice(4, 9));
  const id = created.body.id;

  const link = await linkFor(stack, id);
  expect(link.startsWith(`${stack.baseUrl}/ssp/#token=`)).toBe(true);
  // Opening the link is a GET of the SSP page: it must spend nothing.
  await fetch(link);
  const { res: started, cookie } = await startSession(stack, tokenOf(link));
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ status: 'in_progress' });
  expect(cookie).toMatch(/^rg_ssp=/);
  expect(started.headers.get('set-cookie')).toMatch(/HttpOnly/i);

  const session = await answerAll(stack, cookie, id, rightAnswer);
  expect(session.total).toBeGreaterThanOrEqual(3);
  expect(JSON.stringify(session)).not.toMatch(/answerKey|optionIds"?:\s*\[/);

  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: { signals: { pasteCount: 0 } } });
  expect(finished).toMatchObject({ status: 200, body: { outcome: 'passed' } });
  const passed = await waitForVerification(stack, id, ['passed']);
  expect(passed.riskScore).toBeLessThanOrEqual(4);
  expect(passed.approvalDeadline).not.toBeNull();

  const transcript = await call(stack, 'GET', `/api/v1/verifications/${id}/transcript`);
  expect(transcript.body.items).toHaveLength(session.total);
  expect(transcript.body.items.every((i: { grade: string }) => i.grade === 'correct')).toBe(true);

  const approved = await call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, {
    body: { action: 'password_reset', note: 'caller verified', ticketRef: 'INC-7' },
  });
  expect(approved.status).toBe(200);
  const done = await waitForVerification(stack, id, ['reset_completed']);
  expect(done.resetAction).toMatchObject({ action: 'password_reset', approvedBy: 'apikey:bootstrap' });

  // The same approver again is a retry: the first call's success, not a refusal. Anyone else is refused.
  const again = await call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, { body: { action: 'password_reset' } });
  expect(again.status).toBe(200);
  expect(again.body.resetAction).toMatchObject({ action: 'password_reset', approvedBy: 'apikey:bootstrap' });
  const other = await call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, {
    key: await apiKeyWithRoles(stack, 'agent'),
    body: { action: 'password_reset' },
  });
  expect(other.status).toBe(409);
  expect(other.body.type).toBe('https://resetgate.dev/problems/approval-refused');

  const history = await call(stack, 'GET', `/api/v1/verifications/${id}/history`);
  expect(history.status).toBe(200);
  const types = history.body.events.map((e: { eventType: string }) => e.eventType);
  expect(types[0]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  expect(types).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
  expect(types[types.length - 1]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  expect(JSON.stringify(history.body)).not.toContain(tokenOf(link));

  const replay = await call(stack, 'POST', `/api/v1/verifications/${id}/replay`);
  expect(replay.body.deterministic).toBe(true);
  const events = replay.body.timeline.map((t: { event: string }) => t.event);
  expect(events).toEqual(
    expect.arrayContaining(['started', 'link sent', 'link used', 'answer graded', 'risk assessed', 'outcome', 'reset approved']),
  );
  expect(replay.body.timeline.find((t: { event: string }) => t.event === 'reset approved').detail).toMatch(
    /password_reset by apikey:bootstrap/,
  );

  const audit = await stack.db.dataSource.getRepository(AuditEventEntity).findBy({ targetId: id });
  expect(audit.map((a) => a.action).sort()).toEqual([
    'history.exported',
    'link.redeemed',
    'reset_approval.accepted',
    'reset_approval.refused',
    'reset_approval.requested',
    'reset_approval.requested',
    'reset_approval.requested',
    'reset_connector.recorded',
    'verification.created',
  ]);
  const notices = await stack.db.dataSource.getRepository(DevOutboxMessageEntity).findBy({ verificationId: id });
  expect(notices.map((n) => n.to).sort()).toEqual([user.email, user.mobile_phone].sort());
});

test('wrong answers fail, the user is told to contact the helpdesk, and approval is refused and audited', async () => {
  const user = await someUser(1);
  const { body } = await create(user.email, '+15005550006');
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, body.id)));
  await answerAll(stack, cookie, body.id, wrongAnswer);
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  expect(finished.body).toEqual({ outcome: 'failed', passkeyEnrolment: null });
  const refused = await call(stack, 'POST', `/api/v1/verifications/${body.id}/reset-approval`, { body: { action: 'password_reset' } });
  expect(refused.status).toBe(409);
  const audit = await stack.db.dataSource.getRepository(AuditEventEntity).findBy({ targetId: body.id, action: 'reset_approval.refused' });
  expect(audit).toHaveLength(1);
  expect(audit[0].details).toMatchObject({ reason: expect.stringMatching(/finished|not passed/) });
});

test('a used, an expired, a revoked and an unknown token all get the same answer', async () => {
  const user = await someUser(2);
  const first = await create(user.email, user.mobile_phone);
  const revokedToken = tokenOf(await linkFor(stack, first.body.id));
  const second = await create(user.email, user.mobile_phone); // supersedes the first: its link is revoked
  expect(second.status).toBe(201);
  const usedToken = tokenOf(await linkFor(stack, second.body.id));
  expect((await startSession(stack, usedToken)).res.status).toBe(201);

  const third = await create((await someUser(3)).email, '+447700900777');
  const expiredToken = tokenOf(await linkFor(stack, third.body.id));
  await stack.db.dataSource.query(`UPDATE verification_links SET expires_at = now() - interval '1 second' WHERE verification_id = $1`, [
    third.body.id,
  ]);
  const unknownToken = 'A'.repeat(43);

  const answers = [];
  for (const token of [usedToken, expiredToken, revokedToken, unknownToken]) {
    const { res } = await startSession(stack, token);
    answers.push({ status: res.status, contentType: res.contentType, body: res.body, cookie: res.headers.get('set-cookie') });
  }
  expect(answers[0].status).toBe(404);
  expect(answers[0].body.type).toBe('https://resetgate.dev/problems/link-invalid');
  for (const other of answers.slice(1)) expect(other).toEqual(answers[0]);

  const superseded = await waitForVerification(stack, first.body.id, ['cancelled']);
  expect(superseded).toMatchObject({ cancelReason: 'superseded', supersededBy: second.body.id });
});

test('an agent cancels an open verification; the same agent again is a retry, anyone else gets a 409 problem', async () => {
  const user = await someUser(4);
  const { body } = await create(user.email, user.mobile_phone);
  await waitForVerification(stack, body.id, ['link_sent']);
  const cancelled = await call(stack, 'POST', `/api/v1/verifications/${body.id}/cancel`);
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', outcome: 'cancelled', cancelReason: 'agent' });
  const again = await call(stack, 'POST', `/api/v1/verifications/${body.id}/cancel`);
  expect(again).toMatchObject({ status: 200, body: { status: 'cancelled' } });
  const other = await call(stack, 'POST', `/api/v1/verifications/${body.id}/cancel`, { key: await apiKeyWithRoles(stack, 'agent') });
  expect(other.status).toBe(409);
  expect(other.contentType).toMatch(/application\/problem\+json/);
});

test('the daily limit per user is enforced with a 429 problem', async () => {
  const user = await someUser(5);
  for (let i = 0; i < 5; i++) expect((await create(user.email, user.mobile_phone)).status).toBe(201);
  const refused = await create(user.email, user.mobile_phone);
  expect(refused.status).toBe(429);
  expect(refused.body.type).toBe('https://resetgate.dev/problems/daily-limit-reached');
});

test('Idempotency-Key: a retry returns the same verification, concurrent retries too; another body is a 422', async () => {
  const user = await someUser(6);
  const body = { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' };
  const send = (key: string, b: unknown = body) =>
    call(stack, 'POST', '/api/v1/verifications', { body: b, headers: { 'idempotency-key': key } });
  const [first, concurrent] = await Promise.all([send('retry-1'), send('retry-1')]);
  const retry = await send('retry-1');
  expect([first.status, concurrent.status, retry.status]).toEqual([201, 201, 201]);
  expect(new Set([first.body.id, concurrent.body.id, retry.body.id]).size).toBe(1);
  const rows = await stack.db.dataSource.query(`SELECT count(*)::int AS n FROM verifications WHERE user_id = $1`, [user.id]);
  expect(rows[0].n).toBe(1);

  const reused = await send('retry-1', { ...body, reason: 'account_unlock' });
  expect(reused.status).toBe(422);
  expect(reused.body.type).toBe('https://resetgate.dev/problems/idempotency-key-reused');
  const malformed = await send('has spaces in it');
  expect(malformed.status).toBe(400);
});

test('list filters and pages with a cursor; directory lookup finds users', async () => {
  // Three verifications of a user no other test uses: each newer one supersedes (cancels) the one before.
  const user = await someUser(7);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const created = await create(user.email, user.mobile_phone);
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  await waitForVerification(stack, ids[0], ['cancelled']);

  const all = await call(stack, 'GET', '/api/v1/verifications?limit=2');
  expect(all.status).toBe(200);
  expect(all.body.items).toHaveLength(2);
  expect(all.body.total).toBeGreaterThanOrEqual(ids.length);
  const next = await call(stack, 'GET', `/api/v1/verifications?limit=2&cursor=${all.body.nextCursor}`);
  expect(next.body.items.map((v: { id: string }) => v.id)).not.toContain(all.body.items[0].id);
  const cancelled = await call(stack, 'GET', '/api/v1/verifications?status=cancelled&limit=200');
  expect(cancelled.body.items.map((v: { id: string }) => v.id)).toContain(ids[0]);
  expect(cancelled.body.items.every((v: { status: string }) => v.status === 'cancelled')).toBe(true);
  const byUser = await call(stack, 'GET', `/api/v1/verifications?user=${encodeURIComponent(user.email)}`);
  expect(byUser.body.total).toBe(ids.length);
  expect(byUser.body.items.map((v: { id: string }) => v.id)).toEqual([...ids].reverse()); // newest first

  const found = await call(stack, 'GET', `/api/v1/directory/users?q=${encodeURIComponent(user.email.slice(0, 6))}`);
  expect(found.body.items.map((u: { id: string }) => u.id)).toContain(user.id);
  expect(JSON.stringify(found.body)).not.toContain(user.mobile_phone);
});

test('deliveries are recorded once per verification', async () => {
  const user = await someUser(8);
  const { body } = await create(user.email, user.mobile_phone);
  await waitForVerification(stack, body.id, ['link_sent']);
  const rows = await stack.db.dataSource
    .getRepository(DeliveryEntity)
    .createQueryBuilder('d')
    .select('d.verification_id', 'v')
    .addSelect('count(*)', 'n')
    .where("d.purpose = 'verification_link'")
    .groupBy('d.verification_id')
    .getRawMany();
  expect(rows).toContainEqual({ v: body.id, n: '1' });
  expect(rows.every((r: { n: string }) => r.n === '1')).toBe(true);
});

test('the console and the SSP are served with a strict CSP and no referrer', async () => {
  for (const path of ['/console/', '/ssp/', '/ssp/anything/deep']) {
    const res = await fetch(`${stack.baseUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self';/);
    expect(await res.text()).toMatch(/<base href="\/(console|ssp)\/"\s*\/?>/);
  }
  const docs = await fetch(`${stack.baseUrl}/api/docs/openapi.json`);
  const openapi = (await docs.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(openapi.openapi).toBe('3.1.0');
  expect(Object.keys(openapi.paths)).toEqual(
    expect.arrayContaining(['/api/v1/verifications', '/api/v1/verifications/{id}/reset-approval', '/api/v1/ssp/sessions']),
  );
});
