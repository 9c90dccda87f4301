import { Logger } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { webhookDeliveryWorkflow } from '../workflows';
import type { WebhookRetryPolicy } from '../workflows/webhook-delivery/webhook-delivery.workflow';

export interface WebhookRelay {
  stop(): Promise<void>;
}

const BATCH = 100;

/**
 * The outbox relay: starts a delivery workflow for each webhook delivery written since the last
 * look. Deliveries are claimed with SKIP LOCKED, so several workers share the work; the workflow
 * id is the delivery's, so a delivery started twice runs once. A start Temporal refuses is simply
 * picked up again on the next tick: nothing written to the outbox is lost.
 */
export function startWebhookRelay(options: {
  dataSource: DataSource;
  client: Client;
  taskQueue: string;
  retry: WebhookRetryPolicy;
  intervalMs?: number;
}): WebhookRelay {
  const logger = new Logger('WebhookRelay');
  const { dataSource, client, taskQueue, retry } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake = () => {};

  const dispatch = async (): Promise<number> =>
    dataSource.transaction(async (db) => {
      const due: { id: string }[] = await db.query(
        `SELECT id FROM webhook_deliveries WHERE dispatched_at IS NULL ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const started: string[] = [];
      for (const { id } of due) {
        try {
          await client.workflow.start(webhookDeliveryWorkflow, {
            workflowId: `webhook-delivery-${id}`,
            taskQueue,
            args: [{ deliveryId: id, retry }],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
          started.push(id);
        } catch (err) {
          if (err instanceof WorkflowExecutionAlreadyStartedError) started.push(id);
          else {
            logger.warn(`could not start webhook delivery ${id}, will retry: ${String(err)}`);
            break;
          }
        }
      }
      if (started.length) await db.query(`UPDATE webhook_deliveries SET dispatched_at = now() WHERE id = ANY($1)`, [started]);
      return started.length;
    });

  const running = (async () => {
    while (!stopped) {
      const dispatched = await dispatch().catch((err: unknown) => {
        logger.warn(`webhook relay: ${String(err)}`);
        return 0;
      });
      // A full batch means more may be waiting: look again at once.
      if (dispatched < BATCH && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, options.intervalMs ?? 1000);
        });
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake();
      await running;
    },
  };
}
