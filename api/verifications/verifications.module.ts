import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SettingsModule } from '../settings/settings.module';
import { RefereeChecks } from './referee-checks';
import { VerificationsController } from './verifications.controller';
import { VerificationEvents } from './verification-events';
import { VerificationsService } from './verifications.service';

@Module({
  imports: [AuditModule, AuthModule, SettingsModule],
  controllers: [VerificationsController],
  providers: [VerificationsService, VerificationEvents, RefereeChecks],
  exports: [VerificationsService],
})
export class VerificationsModule {}
