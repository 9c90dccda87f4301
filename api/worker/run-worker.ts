import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { MessageSender } from '../../activities/delivery/message-sender';
import { createActivities } from '../../activities/verification-activities';
import { auditKeyBytes } from '../audit/audit.service';
import { repoRoot } from '../common/repo-root';
import { AppConfig } from '../config/app-config';
import { resetConnector } from './reset-connector.factory';
import { requirePayloadKeys, resetGateDataConverter } from '../temporal/data-converter';
import { MESSAGE_SENDER } from './sender.provider';

export const WORKFLOW_BUNDLE_PATH = join(repoRoot(), 'dist', 'workflow-bundle.js');

/** Creates the Temporal worker with activities built from the Nest context's dependencies. */
export async function createWorker(context: INestApplicationContext): Promise<{ worker: Worker; connection: NativeConnection }> {
  const config = context.get(AppConfig);
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
  const dataConverter = resetGateDataConverter(requirePayloadKeys(config.payloadKeys));
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  if (!config.auditKey) throw new Error('Set RESETGATE_AUDIT_KEY: activities append to the audit log (the connector result)');
  const activities = createActivities({
    dataSource: context.get<DataSource>(getDataSourceToken()),
    sender: context.get<MessageSender>(MESSAGE_SENDER),
    publicUrl: config.publicUrl,
    connector: resetConnector(config.resetConnector),
    auditKey: auditKeyBytes(config.auditKey),
  });
  // Production loads the bundle `npm run build` made; a checkout without it bundles at start.
  const workflows = existsSync(WORKFLOW_BUNDLE_PATH)
    ? { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } }
    : { workflowsPath: require.resolve('../../workflows') };
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    activities,
    dataConverter,
    ...workflows,
  });
  return { worker, connection };
}
