import { DevOutboxMessageEntity } from '../../core/database/entities';
import type { MessageSender, OutgoingMessage, SendContext, SendResult } from './message-sender';

/**
 * Development delivery: messages are stored, not sent, and listed at GET /api/v1/dev/outbox.
 * Written in the delivery's own transaction, so a message exists exactly when its delivery does.
 */
export class DevOutboxSender implements MessageSender {
  async send(message: OutgoingMessage, { idempotencyKey, db }: SendContext): Promise<SendResult> {
    const result = await db
      .createQueryBuilder()
      .insert()
      .into(DevOutboxMessageEntity)
      .values({
        idempotencyKey,
        verificationId: message.verificationId,
        channel: message.channel,
        to: message.to,
        subject: message.subject ?? null,
        body: message.body,
        link: message.link ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return { provider: 'dev-outbox', providerMessageId: result.raw[0]?.id ?? null };
  }
}
