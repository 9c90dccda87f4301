import type { MessageSender, SendContext } from './message-sender';

/** The person asked to vouch, as the directory has them: their work address, never one the caller gave. */
export interface Voucher {
  email: string;
  displayName: string;
}

/** The request, the same on every channel. */
export interface VouchMessage {
  /** What the voucher reads, with the link in it. */
  text: string;
  /** The single-use link (it carries the token): never logged, never in a Temporal payload. */
  link: string;
  /** Who asks to be vouched for. */
  requesterName: string;
  verificationId: string;
}

export interface VouchSendContext extends SendContext {
  /** The activity's attempt, from 1: a channel may give up on a failing provider after a few. */
  attempt?: number;
}

/** How the request went, for the `deliveries` row. */
export interface VouchSent {
  /** The channel it went by: the chat adapter's, or `email` when it fell back. */
  channel: 'email' | 'slack';
  provider: string;
  providerMessageId: string | null;
}

/**
 * The voucher's own work channel: corporate email by default, or a chat adapter (Slack) that
 * falls back to email when it cannot reach them. Called inside the transaction that records the
 * request, with that transaction's idempotency key.
 */
export interface VouchChannel {
  send(voucher: Voucher, message: VouchMessage, context: VouchSendContext): Promise<VouchSent>;
}

/** Corporate email through the configured sender (SMTP, or the dev outbox). */
export class EmailVouchChannel implements VouchChannel {
  constructor(private readonly sender: MessageSender) {}

  async send(voucher: Voucher, message: VouchMessage, { idempotencyKey, db }: VouchSendContext): Promise<VouchSent> {
    const sent = await this.sender.send(
      {
        channel: 'email',
        to: voucher.email,
        subject: `${message.requesterName} asks you to vouch for them`,
        body: message.text,
        link: message.link,
        verificationId: message.verificationId,
      },
      { idempotencyKey, db },
    );
    return { channel: 'email', provider: sent.provider, providerMessageId: sent.providerMessageId };
  }
}
