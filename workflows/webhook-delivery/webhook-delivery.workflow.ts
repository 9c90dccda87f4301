import * as wf from '@temporalio/workflow';
import type { WebhookActivities } from './activities';

export interface WebhookRetryPolicy {
  initialIntervalSeconds: number;
  maximumIntervalSeconds: number;
  maximumAttempts: number;
}

export interface WebhookDeliveryInput {
  deliveryId: string;
  /** An input, so tests can retry in seconds and operators can tune it without a code change. */
  retry: WebhookRetryPolicy;
}

/**
 * One webhook delivery: attempts with exponential backoff until the receiver answers 2xx or the
 * attempts run out. Only the delivery's id travels through Temporal; the body and the secret stay in PostgreSQL.
 */
export async function webhookDeliveryWorkflow({ deliveryId, retry }: WebhookDeliveryInput): Promise<string> {
  const delivery = wf.proxyActivities<WebhookActivities>({
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: retry.initialIntervalSeconds * 1000,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalSeconds * 1000,
      maximumAttempts: retry.maximumAttempts,
    },
  });
  const bookkeeping = wf.proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds' });
  try {
    return (await delivery.deliverWebhook({ deliveryId })).status;
  } catch (err) {
    if (!(err instanceof wf.ActivityFailure)) throw err;
    await bookkeeping.markWebhookFailed({ deliveryId });
    return 'failed';
  }
}
