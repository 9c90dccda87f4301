import { MockActivityEnvironment } from '@temporalio/testing';
import { DevOutboxSender } from '../../activities/delivery/dev-outbox-sender';
import type { MessageSender } from '../../activities/delivery/message-sender';
import { hashSecret } from '../../core/security/hash-secret';
import { createVerificationActivities } from '../../activities/verification/verification-activities';
import { DeliveryEntity, DevOutboxMessageEntity, VerificationLinkEntity } from '../../core/database/entities';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fullyKnownUser, insertVerification } from '../support/workflow-harness';
import { verificationWorkflowId } from '../../api/verifications/verification-workflows';

/** A retried delivery activity never sends twice, and a failed one leaves no half-issued link. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function newVerification(): Promise<{ id: string; userId: string }> {
  const user = await fullyKnownUser(db);
  return { id: await insertVerification(db, user), userId: user.id };
}

function activityEnv(workflowId: string, attempt: number) {
  return new MockActivityEnvironment({ activityId: '1', attempt, workflowExecution: { workflowId, runId: 'run' } } as never);
}

test('a retry after a successful send finds the delivery and sends nothing', async () => {
  const v = await newVerification();
  const activities = createVerificationActivities({
    dataSource: db.dataSource,
    sender: new DevOutboxSender(),
    publicUrl: 'https://rg.test',
  });
  const input = { verificationId: v.id, userId: v.userId, channel: 'sms' as const, linkLifetimeSeconds: 300 };
  const first = await activityEnv(verificationWorkflowId(v.id), 1).run(activities.deliverLink, input);
  const retry = await activityEnv(verificationWorkflowId(v.id), 2).run(activities.deliverLink, input);
  expect(retry).toEqual(first);
  expect(await db.dataSource.getRepository(DevOutboxMessageEntity).countBy({ verificationId: v.id })).toBe(1);
  expect(await db.dataSource.getRepository(DeliveryEntity).countBy({ verificationId: v.id })).toBe(1);

  const [message] = await db.dataSource.getRepository(DevOutboxMessageEntity).findBy({ verificationId: v.id });
  const token = new URL(message.link!).hash.replace('#token=', '');
  const link = await db.dataSource.getRepository(VerificationLinkEntity).findOneByOrFail({ verificationId: v.id });
  expect(link.tokenHash.equals(hashSecret(token))).toBe(true);
  expect(Buffer.from(token, 'base64url')).toHaveLength(32);
});

test('an SMS link never lives longer than 10 minutes, whatever the policy says', async () => {
  const v = await newVerification();
  const activities = createVerificationActivities({
    dataSource: db.dataSource,
    sender: new DevOutboxSender(),
    publicUrl: 'https://rg.test',
  });
  const before = Date.now();
  const input = { verificationId: v.id, userId: v.userId, channel: 'sms' as const, linkLifetimeSeconds: 3600 };
  const { linkExpiresAt } = (await activityEnv(verificationWorkflowId(v.id), 1).run(activities.deliverLink, input)) as {
    linkExpiresAt: string;
  };
  expect(Date.parse(linkExpiresAt) - before).toBeLessThanOrEqual(600_000 + 1000);
});

test('a send that fails rolls back the link and the delivery; the retry sends one message', async () => {
  const v = await newVerification();
  let calls = 0;
  const flaky: MessageSender = {
    async send(message, context) {
      calls++;
      if (calls === 1) throw new Error('provider timed out');
      return new DevOutboxSender().send(message, context);
    },
  };
  const activities = createVerificationActivities({ dataSource: db.dataSource, sender: flaky, publicUrl: 'https://rg.test' });
  const input = { verificationId: v.id, userId: v.userId, channel: 'sms' as const, linkLifetimeSeconds: 300 };
  await expect(activityEnv(verificationWorkflowId(v.id), 1).run(activities.deliverLink, input)).rejects.toThrow('provider timed out');
  expect(await db.dataSource.getRepository(VerificationLinkEntity).countBy({ verificationId: v.id })).toBe(0);
  await activityEnv(verificationWorkflowId(v.id), 2).run(activities.deliverLink, input);
  expect(await db.dataSource.getRepository(VerificationLinkEntity).countBy({ verificationId: v.id })).toBe(1);
  expect(await db.dataSource.getRepository(DevOutboxMessageEntity).countBy({ verificationId: v.id })).toBe(1);
});
