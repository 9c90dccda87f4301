import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { flushLogs } from '../core/logging';
import { WorkerModule } from './worker.module';
import { createWorker } from './run-worker';

/**
 * The worker alone (`npm start` runs it beside the API). This file owns SIGINT/SIGTERM, so the
 * order of a stop is ours: leave readiness, drain, close Temporal, close Nest (the database), exit 0.
 */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: [] });
  const context = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  context.useLogger(context.get(Logger));
  const logger = new NestLogger('Worker');
  const running = await createWorker(context);
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.log(`${signal}: draining the worker`);
    stopping = running.stop();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`ResetGate worker polling ${running.worker.options.taskQueue}`);
  await running.run();
  await (stopping ?? running.stop());
  await context.close();
  logger.log('worker stopped');
  await flushLogs();
  process.exit(0);
}

main().catch(async (err: unknown) => {
  console.error(err);
  await flushLogs();
  process.exit(1);
});
