import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysService } from './auth/api-keys.service';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ApiKeyEntity } from './database/entities';
import { DevOutboxController } from './dev-outbox/dev-outbox.controller';
import { DirectoryController } from './directory/directory.controller';
import { DirectorySyncController } from './directory/directory-sync.controller';
import { HealthModule } from './health/health.module';
import { loggingModule } from './logging';
import { SspModule } from './ssp/ssp.module';
import { TemporalModule } from './temporal/temporal.module';
import { TwilioStatusController } from './twilio/twilio-status.controller';
import { VerificationsModule } from './verifications/verifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule,
    loggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([ApiKeyEntity]),
    TemporalModule,
    AuditModule,
    VerificationsModule,
    SspModule,
    WebhooksModule,
    HealthModule,
  ],
  controllers: [DirectoryController, DirectorySyncController, DevOutboxController, TwilioStatusController],
  providers: [ApiKeysService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
})
export class AppModule {}
