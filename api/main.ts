import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig } from '../core/config/app-config';
import { flushLogs } from '../core/logging';
import { prepareApplication } from './prepare';
import { trackForShutdown } from './shutdown';

/**
 * The API alone, against the DATABASE_URL and TEMPORAL_ADDRESS it is given (`npm start` runs
 * everything). This file owns SIGINT/SIGTERM rather than Nest, so a stop drains requests before
 * the connections close, and ends with exit code 0.
 */
async function main(): Promise<void> {
  const app = await createApp({ ownSignals: false });
  const shutdown = trackForShutdown(app);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    new Logger('Shutdown').log(`${signal}: stopping the API`);
    void shutdown().then(
      (clean) => exit(clean ? 0 : 1),
      (err: unknown) => {
        console.error(err);
        return exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await prepareApplication(app);
  const config = app.get(AppConfig);
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  console.log(`ResetGate API listening on ${await app.getUrl()}`);
}

async function exit(code: number): Promise<never> {
  await flushLogs();
  process.exit(code);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  return exit(1);
});
