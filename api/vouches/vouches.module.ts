import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SspSessionGuard } from '../ssp/ssp-session.guard';
import { SspVouchService } from './ssp-vouch.service';
import { SspVouchController, VouchesController } from './vouches.controller';
import { VouchRequestsService } from './vouch-requests.service';
import { VoucherSessionGuard } from './voucher-session.guard';

/** The `vouch` proof (docs/assurance.md): the user asks in the SSP; their manager answers with SSO. */
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [SspVouchController, VouchesController],
  providers: [SspVouchService, VouchRequestsService, SspSessionGuard, VoucherSessionGuard],
})
export class VouchesModule {}
