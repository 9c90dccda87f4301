import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { RateLimiter } from '../common/rate-limiter';
import { AppConfig } from '../../core/config/app-config';
import type { SspSessionEntity } from '../../core/database/entities';
import { AnswerResponse, FinishResponse, SessionView, StartSessionResponse } from './dto/ssp-responses.dto';
import { AnswerDto, FinishDto, StartSessionDto } from './dto/ssp.dto';
import { ENROLMENT_COOKIE, ENROLMENT_COOKIE_PATH } from './passkeys/passkey-enrolment.guard';
import { PasskeyRegistrationService } from './passkeys/passkey-registration.service';
import { AllowsFinishRetry, CurrentSspSession, SSP_COOKIE, SspSessionGuard } from './ssp-session.guard';
import { SspService } from './ssp.service';

/** The SSP's start nonce: random, made in the browser before Start, long enough that nobody else can guess it. */
const START_ATTEMPT_KEY = /^[A-Za-z0-9_-]{16,128}$/;

@ApiTags('ssp')
@Public()
@Controller('api/v1/ssp')
export class SspController {
  /** Link redemptions per IP per minute: guessing tokens is hopeless, and this keeps it that way. */
  private readonly startLimiter: RateLimiter;

  constructor(
    private readonly ssp: SspService,
    private readonly passkeys: PasskeyRegistrationService,
    private readonly config: AppConfig,
  ) {
    this.startLimiter = new RateLimiter(config.limits.sspStartsPerIpPerMinute, 60_000);
  }

  @Post('sessions')
  @ApiOperation({
    summary: 'Redeem the link token (the user pressed Start) and open a session',
    description:
      'Retry-safe with an Idempotency-Key: a retry with the same token and key (after a 503, a timeout or a lost answer) ' +
      'resumes the session the first attempt opened, although the link is spent. Without a key, a second call meets a spent link.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A random nonce (16–128 of A–Z a–z 0–9 _ -) the page makes once, before Start, and sends with every retry',
  })
  @ApiCreatedResponse({ type: StartSessionResponse })
  async start(@Body() dto: StartSessionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!this.startLimiter.take(req.ip ?? 'unknown'))
      throw new ProblemException('rateLimited', 'Too many attempts from your network. Wait a minute.');
    const attemptKey = req.header('idempotency-key');
    if (attemptKey !== undefined && !START_ATTEMPT_KEY.test(attemptKey)) {
      throw new ProblemException('validation', 'Idempotency-Key must be 16–128 characters of A–Z, a–z, 0–9, _ and -.');
    }
    const result = await this.ssp.start(dto.token, dto.signals, this.context(req), attemptKey);
    if (result.status !== 'in_progress') return result;
    res.cookie(SSP_COOKIE, result.sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https://'),
      path: '/api/v1/ssp',
      expires: new Date(result.sessionExpiresAt),
    });
    const { sessionId: _secret, ...visible } = result;
    return visible;
  }

  @Get('session')
  @UseGuards(SspSessionGuard)
  @ApiOperation({ summary: 'The session’s questions (never their answers) and progress' })
  @ApiOkResponse({ type: SessionView })
  questions(@CurrentSspSession() session: SspSessionEntity) {
    return this.ssp.questions(session);
  }

  @Post('session/answers')
  @HttpCode(200)
  @UseGuards(SspSessionGuard)
  @ApiOperation({
    summary: 'Answer (or skip) one question',
    description:
      'Retry-safe: the same answer sent again returns the first call’s result; a different answer to an answered question is refused.',
  })
  @ApiOkResponse({ type: AnswerResponse })
  answer(@CurrentSspSession() session: SspSessionEntity, @Body() dto: AnswerDto) {
    return this.ssp.answer(session, dto);
  }

  @Post('session/finish')
  @HttpCode(200)
  @UseGuards(SspSessionGuard)
  @AllowsFinishRetry()
  @ApiOperation({
    summary: 'Finish the session: the verification decides',
    description: 'Retry-safe: finishing again (after a 503 or a lost answer) returns the outcome the first finish led to.',
  })
  @ApiOkResponse({ type: FinishResponse })
  async finish(
    @CurrentSspSession() session: SspSessionEntity,
    @Body() dto: FinishDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.ssp.finish(session, dto.signals, this.context(req));
    res.clearCookie(SSP_COOKIE, { path: '/api/v1/ssp' });
    // A pass, and only a pass, lets the user add a recovery passkey: a new, narrower cookie for a few minutes.
    const enrolment = result.outcome === 'passed' ? await this.passkeys.offer(session) : null;
    if (enrolment) {
      res.cookie(ENROLMENT_COOKIE, enrolment.grant, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.publicUrl.startsWith('https://'),
        path: ENROLMENT_COOKIE_PATH,
        expires: enrolment.expiresAt,
      });
    }
    return { ...result, passkeyEnrolment: enrolment && { expiresAt: enrolment.expiresAt.toISOString() } };
  }

  private context(req: Request) {
    return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] };
  }
}
