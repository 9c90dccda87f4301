import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SspSessionGuard } from './ssp-session.guard';
import { SspController } from './ssp.controller';
import { SspService } from './ssp.service';
import { StepUpController } from './step-up/step-up.controller';
import { StepUpService } from './step-up/step-up.service';

@Module({
  imports: [AuditModule, AuthModule],
  controllers: [SspController, StepUpController],
  providers: [SspService, SspSessionGuard, StepUpService],
})
export class SspModule {}
