import { ApplicationFailure, log } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { postWebhook } from './post-webhook';
import { checkWebhookDestination, publicOnlyLookup, WebhookDestinationRefused } from '../../core/webhooks/webhook-destination';
import type { WebhookActivities } from '../../workflows/webhook-delivery/activities';
import { SIGNATURE_HEADER, webhookSignature } from './webhook-signature';

const TIMEOUT_MS = 10_000;

export interface WebhookActivityDeps {
  dataSource: DataSource;
  /** RESETGATE_WEBHOOK_ALLOW_PRIVATE: deliver to loopback, private and link-local addresses too. */
  allowPrivate?: boolean;
}

/** Delivers webhook events. The secret and the body are read here, from the database: never from a Temporal payload. */
export function createWebhookActivities({ dataSource, allowPrivate = false }: WebhookActivityDeps): WebhookActivities {
  return {
    /**
     * One attempt: POST the signed event, record the attempt in the delivery log, and throw on
     * anything but 2xx so that the retry policy tries again later.
     */
    async deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<{ status: string }> {
      const [row]: { status: string; url: string; secret: string; deleted: boolean; type: string; payload: unknown }[] =
        await dataSource.query(
          `SELECT d.status, s.url, s.secret, s.deleted_at IS NOT NULL AS deleted, e.type, e.payload
             FROM webhook_deliveries d
             JOIN webhook_subscriptions s ON s.id = d.subscription_id
             JOIN webhook_events e ON e.id = d.event_id
            WHERE d.id = $1`,
          [deliveryId],
        );
      if (!row) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} not found`, 'WebhookDeliveryNotFound');
      if (row.status !== 'pending') return { status: row.status };
      if (row.deleted) {
        await dataSource.query(`UPDATE webhook_deliveries SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, [deliveryId]);
        return { status: 'cancelled' };
      }

      const body = JSON.stringify(row.payload);
      let statusCode: number | null = null;
      let error: string | null = null;
      let refused = false;
      try {
        // Checked again at each delivery: the name may resolve elsewhere than when it was subscribed.
        if (!allowPrivate) await checkWebhookDestination(row.url);
        statusCode = await postWebhook(
          row.url,
          {
            'content-type': 'application/json',
            'user-agent': 'ResetGate-Webhooks/1',
            [SIGNATURE_HEADER]: webhookSignature(row.secret, body, Math.floor(Date.now() / 1000)),
            'ResetGate-Event': row.type,
            // Receivers deduplicate on it: a delivery retried after a lost answer carries the same id.
            'ResetGate-Delivery': deliveryId,
          },
          body,
          { timeoutMs: TIMEOUT_MS, lookup: allowPrivate ? undefined : publicOnlyLookup },
        );
        if (statusCode < 200 || statusCode > 299) error = `the receiver answered ${statusCode}`;
      } catch (err) {
        refused = err instanceof WebhookDestinationRefused;
        error = refused ? `refused: ${(err as Error).message}` : describeFailure(err);
      }
      await dataSource.query(
        `UPDATE webhook_deliveries
            SET attempts = attempts + 1, last_status_code = $2, last_error = COALESCE($3, last_error), last_attempt_at = now(),
                status = CASE WHEN $3::text IS NULL THEN 'succeeded' ELSE status END,
                delivered_at = CASE WHEN $3::text IS NULL THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [deliveryId, statusCode, error],
      );
      if (refused) {
        // No retry: a later attempt would be refused alike, and the log should say so at once.
        log.warn('webhook delivery refused: the destination is not a public address', { deliveryId, reason: error });
        throw ApplicationFailure.nonRetryable(error!, 'WebhookDestinationRefused');
      }
      if (error) throw ApplicationFailure.retryable(error, 'WebhookDeliveryFailed');
      return { status: 'succeeded' };
    },

    /** After the last attempt: the log shows the delivery failed, with its last error. */
    async markWebhookFailed({ deliveryId }: { deliveryId: string }): Promise<void> {
      await dataSource.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [deliveryId]);
    },
  };
}

/** Why a request never got an answer, without the URL (it may carry the receiver's own token). */
function describeFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { cause?: { name?: string } };
  if (e.name === 'AbortError' && e.cause?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  return `the request failed: ${e.code ?? e.message}`;
}
