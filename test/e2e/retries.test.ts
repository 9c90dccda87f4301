import { AuditEventEntity, VerificationLinkEntity } from '../../core/database/entities';
import { answerAll, linkFor, tokenOf, waitForVerification } from '../support/ssp-client';
import { type ApiResponse, apiKeyWithRoles, call, type Stack, startStack } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/**
 * Retries mean what they say (issue 12): a call that met an outage, sent again unchanged, gets
 * the result the first one led to, never a refusal of its own success; and nobody else can ride
 * on the retry.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const ATTEMPT = 'attempt-0123456789abcdef';
const UNAVAILABLE = 'https://resetgate.dev/problems/workflow-service-unavailable';

async function someUser(offset: number): Promise<{ email: string; mobile_phone: string }> {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users u WHERE manager_id IS NOT NULL AND cardinality(groups) > 1
     AND mobile_phone IS NOT NULL AND NOT ('github-admins' = ANY(groups))
     AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id) ORDER BY id OFFSET $1 LIMIT 1`,
    [offset],
  );
  return user;
}

async function linkSent(offset: number): Promise<{ id: string; token: string }> {
  const user = await someUser(offset);
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, token: tokenOf(await linkFor(stack, created.body.id)) };
}

/** Start, sent once: these tests look at each answer, 503s included. */
function start(token: string, attempt?: string) {
  return call(stack, 'POST', '/api/v1/ssp/sessions', {
    key: null,
    body: { token },
    retry: false,
    ...(attempt && { headers: { 'idempotency-key': attempt } }),
  });
}

/** As a client should: sends the same request again while the answer is a 503, after a pause. */
async function untilNot503(send: () => Promise<ApiResponse>, timeoutMs = 60_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await send();
    if (answer.status !== 503 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const began = Date.now();
  const result = await work();
  return { result, ms: Date.now() - began };
}

async function auditCount(id: string, action: string): Promise<number> {
  return stack.db.dataSource.getRepository(AuditEventEntity).countBy({ targetId: id, action });
}

test('the worker dies between "link spent" and "session started": the same browser’s retry resumes, nobody else’s does', async () => {
  const { id, token } = await linkSent(0);
  await stack.killWorker('SIGKILL');

  // Nobody picks the Update up: a 503 to retry, within the 5 s every request answers in.
  const { result: first, ms } = await timed(() => start(token, ATTEMPT));
  // A new worker at once, so a failed expectation below cannot leave the next tests without one.
  // It takes a few seconds to pick the verification up (the dead one's sticky queue times out first).
  await stack.startWorker();
  expect(first.status).toBe(503);
  expect(first.body.type).toBe(UNAVAILABLE);
  expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(ms).toBeLessThan(5_000);
  // The link is spent, and its audit event committed with the spend.
  const link = await stack.db.dataSource.getRepository(VerificationLinkEntity).findOneByOrFail({ verificationId: id });
  expect(link.usedAt).not.toBeNull();
  expect(await auditCount(id, 'link.redeemed')).toBe(1);
  // Without the attempt key, or with another, the link is as spent as any other.
  expect((await start(token)).body.type).toBe('https://resetgate.dev/problems/link-invalid');
  expect((await start(token, 'somebody-else-0123456789')).body.type).toBe('https://resetgate.dev/problems/link-invalid');

  const resumed = await untilNot503(() => start(token, ATTEMPT));
  expect(resumed.status).toBe(201);
  expect(resumed.body).toMatchObject({ status: 'in_progress' });
  const cookie = resumed.headers.get('set-cookie')!.split(';')[0];
  const session = await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie });
  expect(session.status).toBe(200);
  expect(session.body.total).toBeGreaterThanOrEqual(3);
  // A second retry (the first one's answer lost too) still resumes: the same session start, a fresh cookie.
  expect((await untilNot503(() => start(token, ATTEMPT))).status).toBe(201);
  expect(await auditCount(id, 'link.redeemed')).toBe(1);
  expect(await auditCount(id, 'ssp_session.resumed')).toBe(2);
}, 120_000);

test('an answer and a finish sent again return the first call’s result; a different answer is still refused', async () => {
  const { token } = await linkSent(1);
  const started = await untilNot503(() => start(token, ATTEMPT));
  const cookie = started.headers.get('set-cookie')!.split(';')[0];
  const { body: session } = await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie });
  const q = session.questions.find((question: { type: string }) => question.type === 'single');
  const answer = { questionId: q.id, answer: { optionId: q.options[0].id }, elapsedMs: 4_000 };
  const once = await call(stack, 'POST', '/api/v1/ssp/session/answers', { key: null, cookie, body: answer });
  const twice = await call(stack, 'POST', '/api/v1/ssp/session/answers', { key: null, cookie, body: answer });
  expect(once.status).toBe(200);
  expect(twice).toMatchObject({ status: 200, body: once.body });
  const other = await call(stack, 'POST', '/api/v1/ssp/session/answers', {
    key: null,
    cookie,
    body: { ...answer, answer: { optionId: q.options[1].id } },
  });
  expect(other.status).toBe(409);

  for (const rest of session.questions.filter((question: { id: string }) => question.id !== q.id)) {
    const skipped = await call(stack, 'POST', '/api/v1/ssp/session/answers', {
      key: null,
      cookie,
      body: { questionId: rest.id, answer: null, elapsedMs: 3_000 },
    });
    expect(skipped.status).toBe(200);
  }
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  expect(finished.status).toBe(200);
  // The first answer was lost, so the browser still holds its cookie and sends the finish again.
  const again = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  expect(again).toMatchObject({ status: 200, body: { outcome: finished.body.outcome } });
  // Other calls on a finished session stay refused.
  expect((await call(stack, 'POST', '/api/v1/ssp/session/answers', { key: null, cookie, body: answer })).status).toBe(401);
}, 120_000);

test('an approval that met a dead worker, retried, returns the original success, and counts once', async () => {
  const { id, token } = await linkSent(2);
  const started = await untilNot503(() => start(token, ATTEMPT));
  const cookie = started.headers.get('set-cookie')!.split(';')[0];
  await answerAll(stack, cookie, id, rightAnswer);
  await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  await waitForVerification(stack, id, ['passed']);

  await stack.killWorker('SIGKILL');
  const approve = () =>
    call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, { body: { action: 'password_reset' }, retry: false });
  const { result: first, ms } = await timed(approve);
  await stack.startWorker();
  expect(first.status).toBe(503);
  expect(first.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(ms).toBeLessThan(5_000);

  const retried = await untilNot503(approve);
  expect(retried.status).toBe(200);
  expect(retried.body.resetAction).toMatchObject({ action: 'password_reset', approvedBy: 'apikey:bootstrap' });
  await waitForVerification(stack, id, ['reset_completed']);
  const afterCompletion = await approve();
  expect(afterCompletion).toMatchObject({ status: 200, body: { resetAction: retried.body.resetAction } });
  expect(await auditCount(id, 'reset_approval.accepted')).toBe(1);
  expect(await auditCount(id, 'reset_approval.refused')).toBe(0);
  // Each request is on record with its address, however many the retries took.
  expect(await auditCount(id, 'reset_approval.requested')).toBeGreaterThanOrEqual(3);
}, 120_000);

test('a cancel sent again is the same cancel; the worker audits it once, with the change', async () => {
  const { id } = await linkSent(3);
  const cancel = (key?: string) => call(stack, 'POST', `/api/v1/verifications/${id}/cancel`, { ...(key && { key }), body: {} });
  const first = await cancel();
  expect(first.status).toBe(200);
  const cancelled = await waitForVerification(stack, id, ['cancelled']);
  expect((await cancel()).status).toBe(200);
  expect((await cancel(await apiKeyWithRoles(stack, 'agent'))).status).toBe(409);
  expect(cancelled.outcome).toBe('cancelled');
  expect(await auditCount(id, 'verification.cancelled')).toBe(1);
  expect(await auditCount(id, 'verification.cancel_requested')).toBe(3);
}, 60_000);
