import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { VerificationsController } from './verifications.controller';
import { VerificationEvents } from './verification-events';
import { VerificationsService } from './verifications.service';

@Module({
  imports: [AuditModule],
  controllers: [VerificationsController],
  providers: [VerificationsService, VerificationEvents],
  exports: [VerificationsService],
})
export class VerificationsModule {}
