import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { SspSessionEntity } from '../../../core/database/entities';
import { Public } from '../../auth/roles.decorator';
import { ProblemException } from '../../common/problem';
import { RateLimiter } from '../../common/rate-limiter';
import { CurrentSspSession, SspSessionGuard } from '../ssp-session.guard';
import { AuthenticationResponseDto, RegistrationResponseDto } from './dto/passkey.dto';
import { AuthenticationOptionsView, PasskeyAssertedView, PasskeyEnrolledView, RegistrationOptionsView } from './dto/passkey-responses.dto';
import { PasskeyAssertionService } from './passkey-assertion.service';
import { PasskeyEnrolmentGuard } from './passkey-enrolment.guard';
import { PasskeyRegistrationService } from './passkey-registration.service';

/**
 * Passkey requests per SSP session per minute: a person needs a handful, even after a few
 * cancelled prompts; more is someone probing, and each refusal writes an audit event.
 */
const passkeyLimiter = new RateLimiter(30, 60_000);

function withinLimit(session: SspSessionEntity): void {
  if (!passkeyLimiter.take(session.id)) throw new ProblemException('rateLimited', 'Too many passkey attempts. Wait a minute.');
}

/**
 * Recovery passkeys in the SSP (docs/assurance.md): enrolled with the grant a pass gives
 * (`registration/…`), asserted during a later session as a proof (`authentication/…`).
 */
@ApiTags('ssp')
@Public()
@Controller('api/v1/ssp/passkeys')
export class PasskeysController {
  constructor(
    private readonly registration: PasskeyRegistrationService,
    private readonly assertion: PasskeyAssertionService,
  ) {}

  @Post('registration/options')
  @HttpCode(200)
  @UseGuards(PasskeyEnrolmentGuard)
  @ApiOperation({ summary: 'Right after a pass: the WebAuthn options to add a recovery passkey' })
  @ApiOkResponse({ type: RegistrationOptionsView })
  registrationOptions(@CurrentSspSession() session: SspSessionEntity) {
    withinLimit(session);
    return this.registration.options(session);
  }

  @Post('registration/verify')
  @HttpCode(200)
  @UseGuards(PasskeyEnrolmentGuard)
  @ApiOperation({ summary: 'Checks the new passkey and enrols it for the verified user, once' })
  @ApiOkResponse({ type: PasskeyEnrolledView })
  registrationVerify(@CurrentSspSession() session: SspSessionEntity, @Body() dto: RegistrationResponseDto, @Req() req: Request) {
    withinLimit(session);
    return this.registration.verify(session, dto, req.ip ?? null);
  }

  @Post('authentication/options')
  @HttpCode(200)
  @UseGuards(SspSessionGuard)
  @ApiOperation({ summary: 'During a session: the WebAuthn options to assert the user’s recovery passkey' })
  @ApiOkResponse({ type: AuthenticationOptionsView })
  authenticationOptions(@CurrentSspSession() session: SspSessionEntity) {
    withinLimit(session);
    return this.assertion.options(session);
  }

  @Post('authentication/verify')
  @HttpCode(200)
  @UseGuards(SspSessionGuard)
  @ApiOperation({ summary: 'Checks the assertion and records the recovery_passkey proof' })
  @ApiOkResponse({ type: PasskeyAssertedView })
  authenticationVerify(@CurrentSspSession() session: SspSessionEntity, @Body() dto: AuthenticationResponseDto, @Req() req: Request) {
    withinLimit(session);
    return this.assertion.verify(session, dto, req.ip ?? null);
  }
}
