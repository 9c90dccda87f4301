import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Client } from '@temporalio/client';
import { ApiKeysService } from './auth/api-keys.service';
import { AppConfig } from '../core/config/app-config';
import { seedDevDirectoryIfEmpty } from '../core/directory/import-directory';
import { ensureSearchAttributes } from '../core/temporal/register-search-attributes';

/** Before serving: migrate the schema, seed the dev directory when empty, register search attributes and the bootstrap key. */
export async function prepareApplication(app: INestApplicationContext): Promise<void> {
  const logger = new Logger('Prepare');
  const config = app.get(AppConfig);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  if (config.seedDevDirectory) {
    const seeded = await seedDevDirectoryIfEmpty(dataSource);
    if (seeded) logger.log(`seeded the dev directory: ${seeded.users} users, ${seeded.meetings} meetings, ${seeded.signins} sign-ins`);
  }
  const registered = await ensureSearchAttributes(app.get(Client), config.temporalNamespace);
  if (registered.length) logger.log(`registered search attributes: ${registered.join(', ')}`);
  if (!config.auditKey) throw new Error('Set RESETGATE_AUDIT_KEY: the audit log is an HMAC chain and needs its key');
  if (config.bootstrapApiKey) await app.get(ApiKeysService).ensureBootstrapKey(config.bootstrapApiKey);
}
