import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PolicyService } from './policy.service';
import { SettingsController } from './settings.controller';

@Module({
  imports: [AuditModule],
  controllers: [SettingsController],
  providers: [PolicyService],
  exports: [PolicyService],
})
export class SettingsModule {}
