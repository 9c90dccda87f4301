import type { EntityManager } from 'typeorm';
import type { MessageStatus } from '../../core/delivery/message-status';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
  /** The link inside the body, for the development outbox to list. Never logged. */
  link?: string;
  verificationId: string;
}

export interface SendContext {
  /** The same key on a retry: a sender that can must make the second send a no-op. */
  idempotencyKey: string;
  /** The transaction the delivery is recorded in, for senders that write to the database. */
  db: EntityManager;
}

export interface SendResult {
  provider: string;
  providerMessageId: string | null;
  /** What the provider said on accepting the message; later reports (Twilio callbacks) move it on. */
  status?: MessageStatus;
}

/**
 * The port every delivery channel (dev outbox, Twilio, SMTP) implements. A refusal that a retry
 * cannot fix (an invalid number, a rejected address) is thrown as `deliveryRefused`.
 */
export interface MessageSender {
  send(message: OutgoingMessage, context: SendContext): Promise<SendResult>;
}
