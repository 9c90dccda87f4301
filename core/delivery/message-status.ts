import type { EntityManager } from 'typeorm';

/**
 * What a provider says became of a message. Callbacks can arrive out of order (`sent` after
 * `delivered`), so a status only replaces one that is not further along.
 */
export const MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const RANK: Record<MessageStatus, number> = {
  accepted: 0,
  scheduled: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  canceled: 5,
  read: 6,
};

export function isMessageStatus(value: unknown): value is MessageStatus {
  return typeof value === 'string' && (MESSAGE_STATUSES as readonly string[]).includes(value);
}

export interface MessageStatusReport {
  provider: string;
  providerMessageId: string;
  status: MessageStatus;
  errorCode?: string | null;
}

/**
 * Keyed by the provider's message id, not by our delivery row: a callback may arrive before the
 * transaction that records the delivery commits, and must not be lost.
 */
export async function recordMessageStatus(db: EntityManager, report: MessageStatusReport): Promise<void> {
  await db.query(
    `INSERT INTO message_statuses (provider, provider_message_id, status, status_rank, error_code, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (provider, provider_message_id) DO UPDATE
       SET status = excluded.status, status_rank = excluded.status_rank,
           error_code = COALESCE(excluded.error_code, message_statuses.error_code), updated_at = now()
       WHERE message_statuses.status_rank <= excluded.status_rank`,
    [report.provider, report.providerMessageId, report.status, RANK[report.status], report.errorCode ?? null],
  );
}
