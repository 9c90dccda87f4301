import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Client } from '@temporalio/client';
import { ApiKeysService } from './auth/api-keys.service';
import { AppConfig } from '../core/config/app-config';
import { seedDevDirectoryIfEmpty } from '../core/directory/import-directory';
import { ensureSearchAttributes } from '../core/temporal/register-search-attributes';
import { dataSourceOptions } from '../core/database/data-source-options';

/** Before serving: migrate the schema, seed the dev directory when empty, register search attributes and the bootstrap key. */
export async function prepareApplication(app: INestApplicationContext): Promise<void> {
  const logger = new Logger('Prepare');
  const config = app.get(AppConfig);
  // Its own connection, without the API's request deadlines: a migration or the first seed may take longer than a request may.
  const dataSource = await new DataSource(dataSourceOptions(config.databaseUrl!)).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    if (config.seedDevDirectory) {
      const seeded = await seedDevDirectoryIfEmpty(dataSource);
      if (seeded) logger.log(`seeded the dev directory: ${seeded.users} users, ${seeded.meetings} meetings, ${seeded.signins} sign-ins`);
    }
  } finally {
    await dataSource.destroy();
  }
  const registered = await ensureSearchAttributes(app.get(Client), config.temporalNamespace);
  if (registered.length) logger.log(`registered search attributes: ${registered.join(', ')}`);
  if (!config.auditKey) throw new Error('Set RESETGATE_AUDIT_KEY: the audit log is an HMAC chain and needs its key');
  if (config.bootstrapApiKey) await app.get(ApiKeysService).ensureBootstrapKey(config.bootstrapApiKey);
}
