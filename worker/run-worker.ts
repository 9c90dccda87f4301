import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { MessageSender } from '../activities/delivery/message-sender';
import { createDirectorySyncActivities } from '../activities/directory-sync/directory-sync-activities';
import { createVerificationActivities } from '../activities/verification/verification-activities';
import { createNoticeActivities } from '../activities/notices/passkey-notice';
import { createWebhookActivities } from '../activities/webhook-delivery/webhook-activities';
import { TwilioLookup } from '../activities/delivery/destination-lookup';
import { vouchChannelFor } from '../activities/delivery/slack-vouch-channel';
import { auditKeyBytes } from '../core/audit/audit-key';
import { AppConfig } from '../core/config/app-config';
import { ensureDirectorySyncSchedule } from './directory-sync-schedule';
import { resetConnector } from './reset-connector.factory';
import { requirePayloadKeys, resetGateDataConverter } from '../core/temporal/data-converter';
import { workflowCode } from '../core/temporal/workflow-bundle';
import { MESSAGE_SENDER } from './sender.provider';
import { startWebhookRelay } from './webhook-relay';
import { startWorkerHeartbeat, type WorkerHeartbeat } from './worker-heartbeat';
import { startHousekeeping } from './housekeeping';

export interface RunningWorker {
  worker: Worker;
  /** Polls the task queue until `stop()`, beating the heartbeat meanwhile; rejects if the worker fails. */
  run(): Promise<void>;
  /**
   * Leaves readiness first (the heartbeat row), drains the worker (within SHUTDOWN_GRACE), then
   * stops the webhook relay and closes both Temporal connections, in that order: nothing may use a
   * connection after it is closed.
   */
  stop(): Promise<void>;
}

/** Running activities get this long to finish once a stop is asked; then they are cancelled. */
const SHUTDOWN_GRACE = '10s';
/** And if the worker still has not drained after this, `run()` fails rather than hang the stop. */
const SHUTDOWN_FORCE = '20s';

/**
 * Creates the Temporal worker with activities built from the Nest context's dependencies, starts
 * the webhook outbox relay beside it, and, with SCIM configured, makes sure the sync schedule exists.
 * While it runs, it beats a heartbeat row that the API's readiness reads.
 */
export async function createWorker(context: INestApplicationContext): Promise<RunningWorker> {
  const config = context.get(AppConfig);
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
  const dataConverter = resetGateDataConverter(requirePayloadKeys(config.payloadKeys));
  if (!config.auditKey) throw new Error('Set RESETGATE_AUDIT_KEY: activities append to the audit log (the connector result)');
  const dataSource = context.get<DataSource>(getDataSourceToken());
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const sender = context.get<MessageSender>(MESSAGE_SENDER);
  const activities = {
    ...createVerificationActivities({
      dataSource,
      sender,
      publicUrl: config.publicUrl,
      connector: resetConnector(config.resetConnector),
      auditKey: auditKeyBytes(config.auditKey),
      destinationLookup: config.twilio?.lookup ? new TwilioLookup(config.twilio) : undefined,
      identityVerification: !!config.idv,
      vouchChannel: vouchChannelFor(config.slack, sender),
    }),
    ...createNoticeActivities({ dataSource, sender: context.get<MessageSender>(MESSAGE_SENDER) }),
    ...createWebhookActivities({ dataSource, allowPrivate: config.webhookAllowPrivate }),
    ...createDirectorySyncActivities({ dataSource, source: config.directorySource }),
  };
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    activities,
    dataConverter,
    shutdownGraceTime: SHUTDOWN_GRACE,
    shutdownForceTime: SHUTDOWN_FORCE,
    // Production loads the bundle `npm run build` made; a checkout without it bundles at start.
    ...workflowCode(),
  });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace, dataConverter });
  if (config.directorySource) await ensureDirectorySyncSchedule(client, config.taskQueue, config.directorySource.intervalMinutes);
  const relay = startWebhookRelay({ dataSource, client, taskQueue: config.taskQueue, retry: config.webhookRetry });
  const housekeeping = startHousekeeping(dataSource);
  let running: Promise<void> | undefined;
  let heartbeat: WorkerHeartbeat | undefined;
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await heartbeat?.stop();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running?.catch(() => undefined); // a failed worker is reported by whoever awaits run()
    await relay.stop();
    await housekeeping.stop();
    await clientConnection.close();
    await connection.close();
  };
  return {
    worker,
    run() {
      running ??= (async () => {
        const polling = worker.run(); // RUNNING from here on, so the first beat counts
        heartbeat = startWorkerHeartbeat({ dataSource, taskQueue: config.taskQueue, isPolling: () => worker.getState() === 'RUNNING' });
        try {
          await polling;
        } finally {
          await heartbeat.stop();
        }
      })();
      return running;
    },
    stop: () => (stopped ??= stop()),
  };
}
