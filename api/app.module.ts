import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CodecModule } from './codec/codec.module';
import { ConfigModule } from '../core/config/config.module';
import { StatsController } from './dashboard/stats.controller';
import { DatabaseModule } from '../core/database/database.module';
import { DevOutboxController } from './delivery/dev-outbox.controller';
import { DirectoryController } from './directory/directory.controller';
import { ExportsModule } from './exports/exports.module';
import { DirectorySyncController } from './directory/directory-sync.controller';
import { HealthModule } from './health/health.module';
import { loggingModule } from '../core/logging';
import { SettingsModule } from './settings/settings.module';
import { SspModule } from './ssp/ssp.module';
import { TemporalModule } from './temporal/temporal.module';
import { TwilioStatusController } from './delivery/twilio-status.controller';
import { VerificationsModule } from './verifications/verifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule,
    loggingModule,
    DatabaseModule,
    TemporalModule,
    AuditModule,
    AuthModule,
    SettingsModule,
    VerificationsModule,
    ExportsModule,
    CodecModule,
    SspModule,
    WebhooksModule,
    HealthModule,
  ],
  controllers: [DirectoryController, DirectorySyncController, DevOutboxController, StatsController, TwilioStatusController],
})
export class AppModule {}
