import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import { SlackApiError, type SlackClient } from './slack-client';
import { SLACK_ATTEMPTS_BEFORE_EMAIL, SlackVouchChannel, vouchBlocks } from './slack-vouch-channel';
import type { VouchChannel, VouchMessage } from './vouch-channel';

/** When the Slack channel posts, retries, or hands the request to email. */
const LINK = 'https://rg.test/ssp/vouch#token=abc_DEF-123';
const message: VouchMessage = {
  text: `Alex <Smith> & co asks. Open ${LINK} within 5 minutes.`,
  link: LINK,
  requesterName: 'Alex <Smith>',
  verificationId: 'v1',
};
const voucher = { email: 'dana@example.com', displayName: 'Dana Reyes' };
const context = { idempotencyKey: 'wf/1', db: {} as EntityManager };

function setUp(fail?: { at: 'lookup' | 'open' | 'post'; error: SlackApiError }) {
  const posted: unknown[] = [];
  const throwAt = (step: string) => {
    if (fail?.at === step) throw fail.error;
  };
  const slack = {
    lookupUserByEmail: async () => (throwAt('lookup'), 'U1'),
    openDirectMessage: async () => (throwAt('open'), 'D1'),
    postMessage: async (m: unknown) => (throwAt('post'), posted.push(m), '17.1'),
  } as unknown as SlackClient;
  const emailed: unknown[] = [];
  const email: VouchChannel = {
    send: async (...args) => (emailed.push(args), { channel: 'email', provider: 'smtp', providerMessageId: '<m@x>' }),
  };
  const logged: string[] = [];
  const log = { info: (m: string) => void logged.push(m), warn: (m: string) => void logged.push(m) };
  return { channel: new SlackVouchChannel(slack, email, log), posted, emailed, logged };
}

test('posts the text with the link kept whole, and a button to it; nothing by email', async () => {
  const { channel, posted, emailed } = setUp();
  expect(await channel.send(voucher, message, context)).toEqual({ channel: 'slack', provider: 'slack', providerMessageId: 'D1/17.1' });
  expect(posted).toEqual([{ channel: 'D1', text: 'Alex &lt;Smith&gt; asks you to vouch for them', blocks: vouchBlocks(message) }]);
  expect(vouchBlocks(message)).toEqual([
    { type: 'section', text: { type: 'mrkdwn', text: `Alex &lt;Smith&gt; &amp; co asks. Open <${LINK}> within 5 minutes.` } },
    {
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Open the vouch request' }, url: LINK, action_id: 'open_vouch_request' },
      ],
    },
  ]);
  expect(emailed).toEqual([]);
});

test('users_not_found, or any refusal that will not pass, sends the same request by email; the log names no link', async () => {
  for (const [at, code] of [
    ['lookup', 'users_not_found'],
    ['lookup', 'invalid_auth'],
    ['open', 'cannot_dm_bot'],
    ['post', 'missing_scope'],
  ] as const) {
    const { channel, emailed, posted, logged } = setUp({ at, error: new SlackApiError('m', code, false) });
    expect(await channel.send(voucher, message, context)).toMatchObject({ channel: 'email' });
    expect(emailed).toEqual([[voucher, message, context]]);
    expect(posted).toEqual([]);
    expect(logged.join()).not.toContain('token=');
  }
});

test('a rate limit is thrown as retryable, with Slack’s Retry-After as the next delay', async () => {
  const { channel, emailed } = setUp({ at: 'post', error: new SlackApiError('chat.postMessage', 'ratelimited', true, 3) });
  const failed = await channel.send(voucher, message, { ...context, attempt: 1 }).catch((err: unknown) => err);
  expect(failed).toBeInstanceOf(ApplicationFailure);
  expect(failed).toMatchObject({ type: 'SlackUnavailable', nonRetryable: false, nextRetryDelay: '3 seconds' });
  expect(emailed).toEqual([]);

  const outage = setUp({ at: 'lookup', error: new SlackApiError('users.lookupByEmail', 'http_503', true) });
  const failedAgain = await outage.channel.send(voucher, message, context).catch((err: unknown) => err);
  expect(failedAgain).toMatchObject({ type: 'SlackUnavailable', nonRetryable: false, nextRetryDelay: undefined });
});

test(`after ${SLACK_ATTEMPTS_BEFORE_EMAIL} attempts Slack keeps failing, the request goes by email`, async () => {
  const { channel, emailed } = setUp({ at: 'lookup', error: new SlackApiError('users.lookupByEmail', 'http_503', true) });
  expect(await channel.send(voucher, message, { ...context, attempt: SLACK_ATTEMPTS_BEFORE_EMAIL })).toMatchObject({ channel: 'email' });
  expect(emailed).toHaveLength(1);
});

test('an error that is not Slack’s (the database, a bug) is thrown as it is', async () => {
  const { channel } = setUp({ at: 'open', error: new Error('boom') as SlackApiError });
  await expect(channel.send(voucher, message, context)).rejects.toThrow('boom');
});
