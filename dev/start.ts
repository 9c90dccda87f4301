import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime } from '@temporalio/worker';
import { createApp } from '../api/app.factory';
import { type AppConfig, loadConfig } from '../core/config/app-config';
import { DEMO_ACCOUNTS } from '../api/dev-idp/demo-accounts';
import { DEV_IDV_PATH } from '../core/config/idv-config';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { prepareApplication } from '../api/prepare';
import { trackForShutdown } from '../api/shutdown';
import { flushLogs } from '../core/logging';
import { CODEC_PATH } from '../api/codec/codec-path';
import { ensureTemporalCli, startTemporalDevServer } from './temporal-dev-server';
import { createWorker } from '../worker/run-worker';
import { WorkerModule } from '../worker/worker.module';

const EMBEDDED_POSTGRES_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
const TEMPORAL_DEV_PORT = Number(process.env.TEMPORAL_DEV_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

/**
 * `npm start`: the whole stack on one machine. Whatever is not configured is started here:
 * embedded PostgreSQL, the Temporal dev server (persisted to a file), then the worker and the API.
 */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: [] }); // this process owns SIGINT/SIGTERM
  const initial = loadConfig();
  mkdirSync(initial.dataDir, { recursive: true });
  // Stopped in reverse: the API drains its requests, then the worker drains, then the servers they used go.
  const stops: (() => Promise<unknown>)[] = [];
  let shuttingDown = false;
  const shutdown = async (reason: string, failed = false) => {
    if (shuttingDown) process.exit(1); // a second Ctrl-C forces it
    shuttingDown = true;
    console.log(`\n${reason}: stopping ResetGate…`);
    for (const stop of stops.reverse()) {
      await stop().then(
        (clean) => (failed ||= clean === false),
        (err: unknown) => {
          failed = true;
          console.error(err);
        },
      );
    }
    console.log('ResetGate stopped.');
    await flushLogs();
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (!initial.databaseUrl) {
    step('starting embedded PostgreSQL');
    const pg: RunningPostgres = await startEmbeddedPostgres(initial.dataDir, EMBEDDED_POSTGRES_PORT);
    stops.push(() => pg.stop());
    process.env.DATABASE_URL = pg.url;
  }
  let temporalUi: string | undefined;
  if (!initial.temporalAddress) {
    step('starting the Temporal dev server');
    ensureTemporalCli(step);
    const temporal: TestWorkflowEnvironment = await startTemporalDevServer({
      port: TEMPORAL_DEV_PORT,
      uiPort: TEMPORAL_UI_PORT,
      dbFilename: join(initial.dataDir, 'temporal.db'),
      // The Web UI decodes payloads through the API's codec endpoint, for auditors and admins.
      uiCodecEndpoint: `${initial.publicUrl}${CODEC_PATH}`,
    });
    stops.push(() => temporal.teardown());
    process.env.TEMPORAL_ADDRESS = temporal.address;
    temporalUi = `http://localhost:${TEMPORAL_UI_PORT}`;
    // The UI calls the codec endpoint from the browser, from whichever name the user typed.
    process.env.RESETGATE_CODEC_CORS_ORIGINS ??= `${temporalUi},http://127.0.0.1:${TEMPORAL_UI_PORT}`;
  }
  // Development only: messages without a provider land in the dev outbox, where any agent can read the links.
  process.env.RESETGATE_DEV_OUTBOX ??= 'true';
  process.env.RESETGATE_BOOTSTRAP_API_KEY ??= devSecret(initial.dataDir, 'dev-api-key', () => `rg_dev_${random(24)}`);
  process.env.RESETGATE_AUDIT_KEY ??= devSecret(initial.dataDir, 'audit-key', () => random(24));
  // Losing this file loses the workflow payloads in .data/temporal.db: keep it with the data.
  process.env.RESETGATE_PAYLOAD_KEYS ??= devSecret(initial.dataDir, 'payload-keys', () => `dev-1:${randomBytes(32).toString('base64')}`);
  if (initial.sso.devIdp) process.env.RESETGATE_DEV_IDP_PASSWORD ??= devSecret(initial.dataDir, 'dev-idp-password', () => random(18));
  if (initial.sso.devIdp && !process.env.IDV_ISSUER) {
    // The identity_document proof through the development identity-verification provider, in this process.
    process.env.IDV_ISSUER = `${initial.publicUrl}${DEV_IDV_PATH}`;
    process.env.IDV_CLIENT_ID ??= 'resetgate-ssp';
    process.env.IDV_CLIENT_SECRET ??= random(24);
  }
  const config = loadConfig();

  step('starting the worker');
  const workerContext: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const worker = await createWorker(workerContext);
  const workerRun = worker.run().catch((err: unknown) => {
    console.error(err);
    void shutdown('the worker failed', true);
  });
  stops.push(async () => {
    await worker.stop();
    await workerRun;
    await workerContext.close();
  });

  step('starting the API');
  const app: INestApplication = await createApp({ ownSignals: false });
  stops.push(trackForShutdown(app));
  await prepareApplication(app);
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');

  const base = config.publicUrl;
  console.log(`
ResetGate is running.
  API            ${base}/api/v1
  OpenAPI docs   ${base}/api/docs
  Console        ${base}/console/
  SSP            ${base}/ssp/
  SMS            ${config.twilio ? `Twilio (status callbacks at ${base}/api/v1/twilio/status)` : 'dev outbox'}
  Email          ${config.smtp ? `SMTP (${config.smtp.host ?? new URL(config.smtp.url!).hostname})` : 'dev outbox'}
  Dev outbox     ${base}/api/v1/dev/outbox${config.devOutbox ? '' : ' (off)'}
  Assurance      ${config.assurance === 'proofs' ? 'proofs: the link to the number on record and one strong proof' : 'questions (the earlier rule)'}
  Vouches        ${config.slack ? 'Slack, else email' : 'email'} to the user's manager
  ID documents   ${config.idv ? config.idv.issuer : '(no identity-verification provider)'}
  Temporal UI    ${temporalUi ? `${temporalUi} (payloads decrypted for auditors via ${base}${CODEC_PATH})` : `(external Temporal at ${config.temporalAddress})`}
  Health         ${base}/health/ready

${signInHelp(config)}
  API key (admin, agent, auditor): ${config.bootstrapApiKey}
  Try: curl -H "Authorization: Bearer ${config.bootstrapApiKey}" "${base}/api/v1/directory/users?q=patel"

Press Ctrl-C to stop.`);
}

function signInHelp(config: AppConfig): string {
  if (!config.sso.devIdp) return `  Console sign-in  ${config.sso.issuer}\n`;
  const accounts = DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(22)} ${a.groups.join(', ')}`).join('\n');
  return `  Console sign-in (development IdP at ${config.sso.issuer}), password ${config.sso.devIdpPassword}:
${accounts}
`;
}

/** A development secret kept beside the data, so it survives restarts; the environment variable wins. */
function devSecret(dataDir: string, name: string, generate: () => string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generate();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

/** embedded-postgres rejects with its log lines, not an Error: say something useful either way. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (Array.isArray(err)) return err.join('\n');
  return typeof err === 'object' ? JSON.stringify(err) : String(err);
}

function step(text: string): void {
  console.log(`• ${text}`);
}

main().catch((err: unknown) => {
  console.error(`ResetGate could not start: ${describeError(err)}`);
  process.exit(1);
});
