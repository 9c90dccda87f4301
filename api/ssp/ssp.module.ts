import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SspSessionGuard } from './ssp-session.guard';
import { SspController } from './ssp.controller';
import { SspService } from './ssp.service';

@Module({
  imports: [AuditModule],
  controllers: [SspController],
  providers: [SspService, SspSessionGuard],
})
export class SspModule {}
