import { Module } from '@nestjs/common';
import { ConfigModule } from '../core/config/config.module';
import { DatabaseModule } from '../core/database/database.module';
import { API_DATABASE_TIMEOUTS } from '../core/database/data-source-options';
import { loggingModule } from '../core/logging';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CodecModule } from './codec/codec.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DeliveryModule } from './delivery/delivery.module';
import { DirectoryModule } from './directory/directory.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { RecoveryPasskeysModule } from './passkeys/recovery-passkeys.module';
import { ReplayModule } from './replay/replay.module';
import { SettingsModule } from './settings/settings.module';
import { SspModule } from './ssp/ssp.module';
import { TemporalModule } from './temporal/temporal.module';
import { VerificationsModule } from './verifications/verifications.module';
import { VouchesModule } from './vouches/vouches.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule,
    loggingModule,
    DatabaseModule.forRoot(API_DATABASE_TIMEOUTS),
    TemporalModule,
    AuditModule,
    AuthModule,
    SettingsModule,
    DirectoryModule,
    DeliveryModule,
    DashboardModule,
    VerificationsModule,
    ReplayModule,
    ExportsModule,
    CodecModule,
    SspModule,
    VouchesModule,
    RecoveryPasskeysModule,
    WebhooksModule,
    HealthModule,
  ],
})
export class AppModule {}
