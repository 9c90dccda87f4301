import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { VerificationsModule } from '../verifications/verifications.module';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';

@Module({
  imports: [AuditModule, VerificationsModule],
  controllers: [ReplayController],
  providers: [ReplayService],
})
export class ReplayModule {}
