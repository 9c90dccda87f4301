import { ApplicationFailure, log } from '@temporalio/activity';
import type { SlackConfig } from '../../core/config/slack-config';
import type { MessageSender } from './message-sender';
import { SlackApiError, SlackClient, type SlackBlock } from './slack-client';
import {
  EmailVouchChannel,
  type Voucher,
  type VouchChannel,
  type VouchMessage,
  type VouchSendContext,
  type VouchSent,
} from './vouch-channel';

/**
 * After this many attempts that failed for a passing reason (rate limits, an outage), the request
 * goes by email instead: the caller is waiting on the phone. About 8 s of backoff, or longer when
 * Slack's Retry-After asks for it.
 */
export const SLACK_ATTEMPTS_BEFORE_EMAIL = 5;

type Log = Pick<typeof log, 'info' | 'warn'>;

/**
 * The vouch request as a Slack direct message from the app to the manager, found by their work
 * address. When Slack cannot take it for good (the manager has no Slack account under that
 * address, the app lacks a scope, the token was revoked) or keeps failing, it goes by email
 * instead, so the request still reaches them; a failure that may pass is thrown as retryable.
 *
 * Slack's Web API has no idempotency key. The caller records the delivery in the transaction this
 * runs in and checks it first, so a retry after a committed post sends nothing; a crash between
 * Slack's answer and the commit (or a timeout after Slack took the post) can send the request once
 * more, and only the last message's link works, since the first one's token was never committed.
 */
export class SlackVouchChannel implements VouchChannel {
  constructor(
    private readonly slack: SlackClient,
    private readonly email: VouchChannel,
    private readonly logger: Log = log,
  ) {}

  async send(voucher: Voucher, message: VouchMessage, context: VouchSendContext): Promise<VouchSent> {
    const meta = { verificationId: message.verificationId };
    try {
      const user = await this.slack.lookupUserByEmail(voucher.email);
      const channel = await this.slack.openDirectMessage(user);
      const ts = await this.slack.postMessage({
        channel,
        // The notification's text: who asks, without the link.
        text: escapeMrkdwn(`${message.requesterName} asks you to vouch for them`),
        blocks: vouchBlocks(message),
      });
      return { channel: 'slack', provider: 'slack', providerMessageId: `${channel}/${ts}` };
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      if (err.code === 'users_not_found') {
        this.logger.info('vouch request sent by email: Slack has no member with the manager’s address', meta);
        return this.email.send(voucher, message, context);
      }
      if (!err.retryable) {
        this.logger.warn(`vouch request sent by email: Slack refused it (${err.message})`, meta);
        return this.email.send(voucher, message, context);
      }
      if ((context.attempt ?? 1) >= SLACK_ATTEMPTS_BEFORE_EMAIL) {
        this.logger.warn(`vouch request sent by email after ${context.attempt} attempts by Slack (${err.message})`, meta);
        return this.email.send(voucher, message, context);
      }
      // The whole transaction rolls back; the next attempt starts clean, with a new token.
      throw ApplicationFailure.create({
        message: err.message,
        type: 'SlackUnavailable',
        nonRetryable: false,
        ...(err.retryAfterSeconds !== undefined && { nextRetryDelay: `${err.retryAfterSeconds} seconds` }),
      });
    }
  }
}

/** The request's text, and a button that opens the link. */
export function vouchBlocks(message: VouchMessage): SlackBlock[] {
  // The text carries the link; written as <url> so that Slack's formatting leaves the token whole.
  const text = escapeMrkdwn(message.text).split(escapeMrkdwn(message.link)).join(`<${message.link}>`);
  return [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the vouch request' },
          url: message.link,
          action_id: 'open_vouch_request',
        },
      ],
    },
  ];
}

/** Slack's three control characters in mrkdwn: a name such as "<@U…>" is shown, not acted on. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The voucher's channel as configured: Slack with the email fallback when SLACK_BOT_TOKEN is set, email otherwise. */
export function vouchChannelFor(slack: SlackConfig | undefined, sender: MessageSender): VouchChannel {
  const email = new EmailVouchChannel(sender);
  return slack ? new SlackVouchChannel(new SlackClient(slack), email) : email;
}
