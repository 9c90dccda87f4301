import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RecoveryPasskeysController } from './recovery-passkeys.controller';
import { RecoveryPasskeysService } from './recovery-passkeys.service';

/** Recovery passkeys seen from the console: listed, and removed by an admin. */
@Module({
  imports: [AuditModule],
  controllers: [RecoveryPasskeysController],
  providers: [RecoveryPasskeysService],
})
export class RecoveryPasskeysModule {}
