import { DeliveryEntity, DevOutboxMessageEntity } from '../../core/database/entities';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/**
 * Durability: the worker is killed (SIGKILL, no goodbye) while the verification waits, first for
 * the link to be used, then for the user to finish. A new worker carries on from the history,
 * and the link message went out exactly once.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

test('a verification survives its worker being killed mid-wait, twice, and sends its link once', async () => {
  const user = (
    await stack.db.dataSource.query(
      `SELECT email, mobile_phone FROM directory_users u WHERE manager_id IS NOT NULL AND cardinality(groups) > 1
       AND mobile_phone IS NOT NULL AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id) LIMIT 1`,
    )
  )[0];
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'account_unlock' },
  });
  const id = created.body.id;
  await waitForVerification(stack, id, ['link_sent']);

  await stack.killWorker('SIGKILL');
  await stack.startWorker();
  const { res, cookie } = await startSession(stack, tokenOf(await linkFor(stack, id)));
  expect(res.status).toBe(201);
  await waitForVerification(stack, id, ['in_progress']);

  await stack.killWorker('SIGKILL');
  await stack.startWorker();
  await answerAll(stack, cookie, id, rightAnswer);
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  // No passkey enrolment is offered: passkeys need a host name, and this stack's PUBLIC_URL is an IP address.
  expect(finished.body).toEqual({ outcome: 'passed', passkeyEnrolment: null });
  await waitForVerification(stack, id, ['passed']);

  const messages = await stack.db.dataSource.getRepository(DevOutboxMessageEntity).findBy({ verificationId: id });
  const deliveries = await stack.db.dataSource.getRepository(DeliveryEntity).findBy({ verificationId: id });
  expect(messages).toHaveLength(1);
  expect(deliveries).toHaveLength(1);
}, 120_000);
