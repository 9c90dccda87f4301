import type { EntityManager } from 'typeorm';
import { VerificationEntity } from '../database/entities';
import type { Approval, CancelReason, Channel, Outcome, Reason, Receipt } from '../../workflows/verification/model';
import { OUTCOMES, type VerificationStatus } from '../../workflows/verification/model';

/** `verification.vouch_refused` is an alert: the person asked to vouch said they did not speak to the caller. */
export const WEBHOOK_EVENT_TYPES = [
  'verification.created',
  'verification.completed',
  'verification.reset_approved',
  'verification.vouch_refused',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The event a status change raises: an outcome completes a verification; an accepted approval is its own event. */
export function eventForStatus(status: VerificationStatus): WebhookEventType | null {
  if ((OUTCOMES as readonly string[]).includes(status)) return 'verification.completed';
  if (status === 'reset_approved') return 'verification.reset_approved';
  return null;
}

/**
 * Writes the event, and one pending delivery per subscription that wants it, inside the caller's
 * transaction: the event exists exactly when the change does, so none is lost. A retried caller
 * writes nothing twice (one event per type and verification). The worker's relay sends them.
 */
export async function publishWebhookEvent(db: EntityManager, type: WebhookEventType, verificationId: string): Promise<void> {
  // No subscriber, no event: the table holds only what someone will be sent.
  const wanted = await db.query(`SELECT 1 FROM webhook_subscriptions WHERE deleted_at IS NULL AND $1 = ANY (events) LIMIT 1`, [type]);
  if (!wanted.length) return;
  const verification = await db.findOneByOrFail(VerificationEntity, { id: verificationId });
  const inserted: { id: string; created_at: Date }[] = await db.query(
    `INSERT INTO webhook_events (type, verification_id, payload) VALUES ($1, $2, '{}')
     ON CONFLICT (verification_id, type) DO NOTHING RETURNING id, created_at`,
    [type, verificationId],
  );
  if (!inserted.length) return;
  const [{ id, created_at: createdAt }] = inserted;
  const payload = { id, type, createdAt: createdAt.toISOString(), data: { verification: webhookVerification(verification) } };
  await db.query(`UPDATE webhook_events SET payload = $2 WHERE id = $1`, [id, payload]);
  await db.query(
    `INSERT INTO webhook_deliveries (subscription_id, event_id)
     SELECT id, $1 FROM webhook_subscriptions WHERE deleted_at IS NULL AND $2 = ANY (events)`,
    [id, type],
  );
}

/**
 * What an integrator learns about a verification: its state and outcome. Never the destination, a
 * token or an answer. Its own type, so a change to the API's view never changes what is sent.
 */
export interface WebhookVerification {
  id: string;
  status: VerificationStatus;
  outcome: Outcome | null;
  outcomeReason: string | null;
  cancelReason: CancelReason | null;
  user: { id: string; email: string; name: string };
  channel: Channel;
  destinationMasked: string;
  reason: Reason;
  ticketRef: string | null;
  initiatedBy: string;
  riskScore: number | null;
  resetAction: Approval | null;
  createdAt: string;
  completedAt: string | null;
  /** Why it ended as it did: proofs, recovery class, signals, reasons; null while open. */
  receipt: Receipt | null;
}

function webhookVerification(v: VerificationEntity): WebhookVerification {
  return {
    id: v.id,
    status: v.status,
    outcome: v.outcome,
    outcomeReason: v.outcomeReason,
    cancelReason: v.cancelReason,
    user: { id: v.userId, email: v.userEmail, name: v.userName },
    channel: v.channel,
    destinationMasked: v.destinationMasked,
    reason: v.reason,
    ticketRef: v.ticketRef,
    initiatedBy: v.initiatedBy,
    riskScore: v.riskScore,
    resetAction: v.approval,
    createdAt: v.createdAt.toISOString(),
    completedAt: v.completedAt?.toISOString() ?? null,
    receipt: v.receipt,
  };
}
