import { createApp } from './app.factory';
import { AppConfig } from '../core/config/app-config';
import { prepareApplication } from './prepare';

/** The API alone, against the DATABASE_URL and TEMPORAL_ADDRESS it is given (`npm start` runs everything). */
async function main(): Promise<void> {
  const app = await createApp({ ownSignals: true });
  await prepareApplication(app);
  const config = app.get(AppConfig);
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  console.log(`ResetGate API listening on ${await app.getUrl()}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
