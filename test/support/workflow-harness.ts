import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Runtime, Worker, DefaultLogger } from '@temporalio/worker';
import { parsePayloadKeys } from '../../core/config/payload-keys';
import { resetGateDataConverter } from '../../core/temporal/data-converter';
import { createVerificationActivities } from '../../activities/verification/verification-activities';
import { DevOutboxSender } from '../../activities/delivery/dev-outbox-sender';
import type { DestinationLookup } from '../../activities/delivery/destination-lookup';
import type { VouchChannel } from '../../activities/delivery/vouch-channel';
import { maskDestination } from '../../core/security/mask';
import type { ResetConnector } from '../../activities/verification/reset-connector/reset-connector';
import { auditKeyBytes } from '../../core/audit/audit-key';
import { ChallengeQuestionEntity, DevOutboxMessageEntity, DirectoryUserEntity, VerificationEntity } from '../../core/database/entities';
import type { Channel, VerificationPolicy, VerificationState } from '../../workflows/verification/model';
import { verificationWorkflow } from '../../workflows';
import { verificationState } from '../../workflows/verification/messages';
import { VerificationWorkflows, verificationWorkflowId } from '../../api/verifications/verification-workflows';
import type { TestDatabase } from './database';
import { TEST_PAYLOAD_KEYS } from './test-keys';

let runtimeInstalled = false;

/** Seconds-long timers so every path of the state machine runs inside a test. */
export function testPolicy(overrides: Partial<VerificationPolicy> = {}): VerificationPolicy {
  return {
    version: 'test-1',
    linkLifetimeSeconds: 60,
    sessionLifetimeSeconds: 60,
    questionsAsked: 4,
    minQuestions: 3,
    minAnswered: 3,
    passThreshold: 0.75,
    maxRisk: 4,
    approvalWindowSeconds: 60,
    ...overrides,
  };
}

export interface Harness {
  client: Client;
  taskQueue: string;
  /** The client's and the worker's: payloads sealed with the harness's keys. */
  dataConverter: DataConverter;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Quiet SDK logs. Once per process, and before anything else creates the runtime (a dev server does). */
export function installTestRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

export interface HarnessOptions {
  /** RESETGATE_PAYLOAD_KEYS form; the test keys by default. */
  payloadKeys?: string;
  /** Another harness's queue: this one's worker takes over its workflows (a redeployed worker). */
  taskQueue?: string;
  /** Another Temporal server than the suite's, and a workflow bundle path (the replay bench brings both). */
  address?: string;
  workflowBundlePath?: string;
  connector?: ResetConnector;
  /** Carrier data for SMS destinations under an assurance policy (a Twilio Lookup against the fake peer). */
  destinationLookup?: DestinationLookup;
  /** Where vouch requests go (Slack against the fake peer); email to the dev outbox by default. */
  vouchChannel?: VouchChannel;
}

/** The audit key test workers sign their audit events with. */
export const HARNESS_AUDIT_KEY = auditKeyBytes('harness-audit-key-not-secret');

/** A worker on its own task queue against the shared dev server, with the real activities and payload encryption. */
export async function startHarness(db: TestDatabase, options: HarnessOptions = {}): Promise<Harness> {
  installTestRuntime();
  const address = options.address ?? process.env.TEMPORAL_ADDRESS!;
  const workflowBundlePath = options.workflowBundlePath ?? process.env.RESETGATE_WORKFLOW_BUNDLE!;
  const dataConverter = resetGateDataConverter(parsePayloadKeys(options.payloadKeys ?? TEST_PAYLOAD_KEYS));
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection, dataConverter });
  const taskQueue = options.taskQueue ?? `test-${randomBytes(4).toString('hex')}`;
  let worker: { instance: Worker; connection: NativeConnection; running: Promise<void> } | undefined;

  const harness: Harness = {
    client,
    taskQueue,
    dataConverter,
    async startWorker() {
      const connection = await NativeConnection.connect({ address });
      const instance = await Worker.create({
        connection,
        taskQueue,
        workflowBundle: { codePath: workflowBundlePath },
        dataConverter,
        activities: createVerificationActivities({
          dataSource: db.dataSource,
          sender: new DevOutboxSender(),
          publicUrl: 'https://resetgate.test',
          connector: options.connector,
          destinationLookup: options.destinationLookup,
          vouchChannel: options.vouchChannel,
          auditKey: HARNESS_AUDIT_KEY,
        }),
      });
      worker = { instance, connection, running: instance.run() };
    },
    async stopWorker() {
      if (!worker) return;
      worker.instance.shutdown();
      await worker.running;
      await worker.connection.close();
      worker = undefined;
    },
    async close() {
      await harness.stopWorker();
      await clientConnection.close();
    },
  };
  await harness.startWorker();
  return harness;
}

export interface StartedVerification {
  id: string;
  handle: WorkflowHandle<typeof verificationWorkflow>;
  user: DirectoryUserEntity;
}

/** Inserts the verification row and starts its workflow through the API's gateway, as the API does. */
export async function startVerification(
  db: TestDatabase,
  harness: Harness,
  options: {
    user?: DirectoryUserEntity;
    policy?: VerificationPolicy;
    channel?: Channel;
    destination?: string;
    requiredApprovals?: number;
  } = {},
): Promise<StartedVerification> {
  const user = options.user ?? (await fullyKnownUser(db));
  const channel = options.channel ?? 'sms';
  const policy = options.policy ?? testPolicy();
  const id = await insertVerification(db, user, { channel, destination: options.destination, policy });
  const handle = await new VerificationWorkflows(harness.client, harness.taskQueue).start({
    verificationId: id,
    userId: user.id,
    channel,
    reason: 'password_reset',
    initiatedBy: 'test-agent',
    policy,
    ...(options.requiredApprovals && { requiredApprovals: options.requiredApprovals }),
  });
  return { id, handle, user };
}

/** The verification row the API writes before starting the workflow. */
export async function insertVerification(
  db: TestDatabase,
  user: DirectoryUserEntity,
  options: { channel?: Channel; destination?: string; policy?: VerificationPolicy } = {},
): Promise<string> {
  const channel = options.channel ?? 'sms';
  const destination = options.destination ?? (channel === 'sms' ? user.mobilePhone! : user.personalEmail!);
  const id = randomUUID();
  await db.dataSource.getRepository(VerificationEntity).insert({
    id,
    workflowId: verificationWorkflowId(id),
    userId: user.id,
    userEmail: user.email,
    userName: user.displayName,
    channel,
    destination,
    destinationMasked: maskDestination(channel, destination),
    reason: 'password_reset',
    initiatedBy: 'test-agent',
    status: 'created',
    policy: options.policy ?? testPolicy(),
  });
  return id;
}

/** A user with every kind of directory fact, so a full challenge can be generated. */
export async function fullyKnownUser(db: TestDatabase, skip = 0): Promise<DirectoryUserEntity> {
  const rows: { id: string }[] = await db.dataSource.query(
    `SELECT u.id FROM directory_users u
      WHERE u.manager_id IS NOT NULL AND cardinality(u.groups) > 1 AND u.mobile_phone IS NOT NULL
        AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id)
      ORDER BY u.id OFFSET $1 LIMIT 1`,
    [skip],
  );
  return db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: rows[0].id });
}

export async function sparseUser(db: TestDatabase): Promise<DirectoryUserEntity> {
  return db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ title: 'New Joiner' });
}

export async function waitForStatus(
  handle: StartedVerification['handle'],
  statuses: string[],
  timeoutMs = 30_000,
): Promise<VerificationState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(verificationState);
    if (statuses.includes(state.status)) return state;
    if (Date.now() > deadline) throw new Error(`still ${state.status} after ${timeoutMs} ms, waiting for ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function questionsOf(db: TestDatabase, verificationId: string): Promise<ChallengeQuestionEntity[]> {
  return db.dataSource.getRepository(ChallengeQuestionEntity).find({ where: { verificationId }, order: { position: 'ASC' } });
}

export { rightAnswer, wrongAnswer } from './answers';

export async function outboxFor(db: TestDatabase, verificationId: string): Promise<DevOutboxMessageEntity[]> {
  return db.dataSource.getRepository(DevOutboxMessageEntity).find({ where: { verificationId }, order: { createdAt: 'ASC' } });
}

export const HUMAN_SIGNALS = {
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1',
  webdriver: false,
  timezone: 'Europe/London',
  pasteCount: 0,
};
