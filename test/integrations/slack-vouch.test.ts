import { MockActivityEnvironment } from '@temporalio/testing';
import { DevOutboxSender } from '../../activities/delivery/dev-outbox-sender';
import { SlackClient } from '../../activities/delivery/slack-client';
import { SlackVouchChannel } from '../../activities/delivery/slack-vouch-channel';
import { EmailVouchChannel } from '../../activities/delivery/vouch-channel';
import { createVerificationActivities } from '../../activities/verification/verification-activities';
import { verificationWorkflowId } from '../../api/verifications/verification-workflows';
import { DeliveryEntity, DirectoryUserEntity, VouchRequestEntity } from '../../core/database/entities';
import { hashSecret } from '../../core/security/hash-secret';
import { STANDARD_ASSURANCE } from '../../workflows/verification/assurance';
import { requestVouch, startSession } from '../../workflows/verification/messages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type FakeSlack, type SlackDirectMessage, startFakeSlack } from '../support/fake-slack';
import {
  fullyKnownUser,
  type Harness,
  HUMAN_SIGNALS,
  insertVerification,
  outboxFor,
  startHarness,
  startVerification,
  type StartedVerification,
  testPolicy,
  waitForStatus,
} from '../support/workflow-harness';

/**
 * The vouch request on the manager's Slack: the Web API (users.lookupByEmail, conversations.open,
 * chat.postMessage) against a local peer, through the real workflow on the Temporal dev server.
 * A manager Slack does not know still gets the request, by email.
 */
let db: TestDatabase;
let slack: FakeSlack;
let harness: Harness;
const logged: string[] = [];
const quietLog = {
  info: (message: string, meta?: object) => void logged.push(`${message} ${JSON.stringify(meta)}`),
  warn: (message: string, meta?: object) => void logged.push(`${message} ${JSON.stringify(meta)}`),
};

function slackChannel() {
  return new SlackVouchChannel(
    new SlackClient({ botToken: slack.botToken, apiUrl: slack.url }),
    new EmailVouchChannel(new DevOutboxSender()),
    quietLog,
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  slack = await startFakeSlack();
  harness = await startHarness(db, { vouchChannel: slackChannel() });
});
afterAll(async () => {
  await harness?.close();
  await slack?.close();
  await db?.drop();
});

const FROM = { from: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone)' } };
const LINK = /^https:\/\/resetgate\.test\/ssp\/vouch#token=[\w-]{43}$/;

async function managerOf(user: DirectoryUserEntity): Promise<DirectoryUserEntity> {
  return db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.managerId! });
}

async function askForVouch(skip: number): Promise<{ v: StartedVerification; manager: DirectoryUserEntity }> {
  const user = await fullyKnownUser(db, skip);
  const v = await startVerification(db, harness, { user, policy: testPolicy({ assurance: STANDARD_ASSURANCE, idpStepUp: true }) });
  await waitForStatus(v.handle, ['link_sent']);
  await v.handle.executeUpdate(startSession, { args: [HUMAN_SIGNALS] });
  const asked = await v.handle.executeUpdate(requestVouch, { args: [FROM] });
  const manager = await managerOf(user);
  expect(asked).toMatchObject({ kind: 'vouch', status: 'pending', detail: expect.stringContaining(manager.displayName) });
  return { v, manager };
}

const deliveriesOf = (verificationId: string) =>
  db.dataSource.getRepository(DeliveryEntity).findBy({ verificationId, purpose: 'vouch_request' });
const requestOf = (verificationId: string) => db.dataSource.getRepository(VouchRequestEntity).findOneByOrFail({ verificationId });
/** The messages posted to the manager since a test began (managers are shared between users). */
const messagesTo = (manager: DirectoryUserEntity, since: number) =>
  slack.messages.slice(since).filter((m) => m.user === slack.userIdFor(manager.email));

/** The button's URL, and the section's text, of a vouch request message. */
function partsOf(message: SlackDirectMessage): { url: string; text: string } {
  const [section, actions] = message.blocks as [{ text: { text: string } }, { elements: { url: string }[] }];
  return { url: actions.elements[0].url, text: section.text.text };
}

test('the request goes to the manager’s Slack DM, found by their work address, with the link; no email', async () => {
  const since = slack.calls.length;
  const posted = slack.messages.length;
  const { v, manager } = await askForVouch(3);

  const calls = slack.calls.slice(since);
  expect(calls.map((c) => c.method)).toEqual(['users.lookupByEmail', 'conversations.open', 'chat.postMessage']);
  // The bot token as a Bearer credential on every call; the address in a form body, not the URL.
  for (const call of calls) expect(call).toMatchObject({ httpMethod: 'POST', authorization: `Bearer ${slack.botToken}`, status: 200 });
  expect(calls[0]).toMatchObject({ contentType: 'application/x-www-form-urlencoded', args: { email: manager.email } });
  expect(calls[1].args).toEqual({ users: slack.userIdFor(manager.email) });
  expect(calls[2].contentType).toMatch(/^application\/json/);
  expect(calls[2].args).toMatchObject({ unfurl_links: false, unfurl_media: false });

  const [message] = messagesTo(manager, posted);
  expect(messagesTo(manager, posted)).toHaveLength(1);
  const { url, text } = partsOf(message);
  expect(url).toMatch(LINK);
  expect(text).toContain(`<${url}>`);
  expect(text).toMatch(/Only vouch if you have just spoken to them on video or in person/);
  // The notification names who asks, and carries no link.
  expect(message.text).toMatch(/asks you to vouch for them$/);
  expect(message.text).not.toContain('token=');

  // The link's token is the one stored, hashed: the manager can use it.
  const request = await requestOf(v.id);
  expect(request).toMatchObject({ voucherUserId: manager.id, status: 'sent' });
  expect(request.tokenHash.equals(hashSecret(new URL(url).hash.replace('#token=', '')))).toBe(true);

  expect((await outboxFor(db, v.id)).filter((m) => m.to === manager.email)).toEqual([]);
  expect(await deliveriesOf(v.id)).toEqual([
    expect.objectContaining({ channel: 'slack', provider: 'slack', providerMessageId: `${message.channel}/${message.ts}` }),
  ]);
  expect(logged.join('\n')).not.toContain('token=');
});

test('a 429 from chat.postMessage is retried after its Retry-After, and the manager gets one message', async () => {
  slack.rateLimitOnce('chat.postMessage', 1);
  const since = slack.calls.length;
  const posted = slack.messages.length;
  const { v, manager } = await askForVouch(4);

  const posts = slack.calls.slice(since).filter((c) => c.method === 'chat.postMessage');
  expect(posts.map((c) => c.status)).toEqual([429, 200]);
  expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(900);
  expect(messagesTo(manager, posted)).toHaveLength(1);
  // The first attempt rolled back: one request, and its token is the posted link's.
  const { url } = partsOf(messagesTo(manager, posted)[0]);
  expect((await requestOf(v.id)).tokenHash.equals(hashSecret(new URL(url).hash.replace('#token=', '')))).toBe(true);
  expect(await db.dataSource.getRepository(VouchRequestEntity).countBy({ verificationId: v.id })).toBe(1);
  expect((await deliveriesOf(v.id)).map((d) => d.channel)).toEqual(['slack']);
});

test('a manager Slack does not know (users_not_found) gets the request by email instead', async () => {
  const user = await fullyKnownUser(db, 5);
  const manager = await managerOf(user);
  slack.unknownEmails.add(manager.email.toUpperCase());
  const since = slack.calls.length;
  const posted = slack.messages.length;
  const { v } = await askForVouch(5).finally(() => slack.unknownEmails.clear());

  const calls = slack.calls.slice(since);
  expect(calls.map((c) => [c.method, c.error])).toEqual([['users.lookupByEmail', 'users_not_found']]);
  expect(messagesTo(manager, posted)).toEqual([]);
  const email = (await outboxFor(db, v.id)).filter((m) => m.to === manager.email);
  expect(email).toHaveLength(1);
  expect(email[0]).toMatchObject({ subject: `${user.displayName} asks you to vouch for them`, link: expect.stringMatching(LINK) });
  expect(email[0].body).toContain(email[0].link!);
  expect(await deliveriesOf(v.id)).toEqual([expect.objectContaining({ channel: 'email', provider: 'dev-outbox' })]);
  expect(logged.some((line) => line.includes('Slack has no member') && line.includes(v.id))).toBe(true);
});

test('a refusal that will not pass (a revoked token) also falls back to email, and says why in the log', async () => {
  slack.failOnce('users.lookupByEmail', 'token_revoked');
  const posted = slack.messages.length;
  const { v, manager } = await askForVouch(6);
  expect(messagesTo(manager, posted)).toEqual([]);
  expect((await outboxFor(db, v.id)).filter((m) => m.to === manager.email)).toHaveLength(1);
  expect((await deliveriesOf(v.id)).map((d) => d.channel)).toEqual(['email']);
  expect(logged.some((line) => line.includes('token_revoked'))).toBe(true);
  expect(logged.join('\n')).not.toContain(slack.botToken);
});

test('a retry of the activity after a committed Slack post posts nothing more', async () => {
  const user = await fullyKnownUser(db, 7);
  const manager = await managerOf(user);
  const id = await insertVerification(db, user, { policy: testPolicy({ assurance: STANDARD_ASSURANCE }) });
  const activities = createVerificationActivities({
    dataSource: db.dataSource,
    sender: new DevOutboxSender(),
    publicUrl: 'https://resetgate.test',
    vouchChannel: slackChannel(),
  });
  const input = { verificationId: id, userId: user.id, expiresAt: new Date(Date.now() + 60_000).toISOString(), ...FROM };
  const attempt = (n: number) =>
    new MockActivityEnvironment({
      activityId: '9',
      attempt: n,
      workflowExecution: { workflowId: verificationWorkflowId(id), runId: 'r' },
    } as never);

  const posted = slack.messages.length;
  const first = await attempt(1).run(activities.requestVouch, input);
  const retry = await attempt(2).run(activities.requestVouch, input);
  expect(retry).toEqual(first);
  expect(first).toMatchObject({ sent: true, voucherName: manager.displayName });
  expect(messagesTo(manager, posted)).toHaveLength(1);
  expect(await deliveriesOf(id)).toEqual([expect.objectContaining({ channel: 'slack' })]);
});
