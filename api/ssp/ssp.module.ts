import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { IdentityDocumentController } from './identity-document/identity-document.controller';
import { IdentityDocumentService } from './identity-document/identity-document.service';
import { IdentityVerificationAdapter, OidcIdentityAssurance } from './identity-document/identity-verification-adapter';
import { PasskeyAssertionService } from './passkeys/passkey-assertion.service';
import { PasskeyChallenges } from './passkeys/passkey-challenges';
import { PasskeyEnrolmentGuard } from './passkeys/passkey-enrolment.guard';
import { PasskeyNotices } from './passkeys/passkey-notices';
import { PasskeyRefusals } from './passkeys/passkey-refusals';
import { PasskeyRegistrationService } from './passkeys/passkey-registration.service';
import { PasskeysController } from './passkeys/passkeys.controller';
import { SspSessionGuard } from './ssp-session.guard';
import { SspController } from './ssp.controller';
import { SspService } from './ssp.service';
import { StepUpController } from './step-up/step-up.controller';
import { StepUpService } from './step-up/step-up.service';

@Module({
  imports: [AuditModule, AuthModule],
  controllers: [SspController, StepUpController, PasskeysController, IdentityDocumentController],
  providers: [
    SspService,
    SspSessionGuard,
    StepUpService,
    PasskeyEnrolmentGuard,
    PasskeyChallenges,
    PasskeyRefusals,
    PasskeyRegistrationService,
    PasskeyNotices,
    PasskeyAssertionService,
    IdentityDocumentService,
    { provide: IdentityVerificationAdapter, useClass: OidcIdentityAssurance },
  ],
})
export class SspModule {}
