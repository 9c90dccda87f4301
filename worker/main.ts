import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { WorkerModule } from './worker.module';
import { createWorker } from './run-worker';

/** The worker alone (`npm start` runs it beside the API). SIGINT/SIGTERM drain it, then close Nest. */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const context = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const { worker, close } = await createWorker(context);
  console.log(`ResetGate worker polling ${worker.options.taskQueue}`);
  await worker.run();
  await close();
  await context.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
