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

export interface RunningWorker {
  worker: Worker;
  /** After `worker.run()` has returned: stops the webhook relay and closes the connections. */
  close(): Promise<void>;
}

/**
 * Creates the Temporal worker with activities built from the Nest context's dependencies, starts
 * the webhook outbox relay beside it, and, with SCIM configured, makes sure the sync schedule exists.
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
    // Production loads the bundle `npm run build` made; a checkout without it bundles at start.
    ...workflowCode(),
  });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace, dataConverter });
  if (config.directorySource) await ensureDirectorySyncSchedule(client, config.taskQueue, config.directorySource.intervalMinutes);
  const relay = startWebhookRelay({ dataSource, client, taskQueue: config.taskQueue, retry: config.webhookRetry });
  return {
    worker,
    async close() {
      await relay.stop();
      await clientConnection.close();
      await connection.close();
    },
  };
}
