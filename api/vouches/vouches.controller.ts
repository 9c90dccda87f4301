import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../../core/config/app-config';
import type { SspSessionEntity, VouchRequestEntity } from '../../core/database/entities';
import { Public } from '../auth/roles.decorator';
import { LOGIN_ATTEMPT_TTL_MS } from '../auth/sso/login-attempts';
import { readCookie } from '../common/cookies';
import { ProblemException } from '../common/problem';
import { RateLimiter } from '../common/rate-limiter';
import { CurrentSspSession, SspSessionGuard } from '../ssp/ssp-session.guard';
import { SspVouchView, VouchDecisionDto, VouchDecisionResult, VouchRequestView, VouchSignInDto, VouchSignInStart } from './dto/vouch.dto';
import { SspVouchService } from './ssp-vouch.service';
import { VouchRequestsService } from './vouch-requests.service';
import { CurrentVouchRequest, VOUCHER_COOKIE, VoucherSessionGuard } from './voucher-session.guard';

const SIGN_IN_COOKIE = 'rg_vouch_sign_in';
const COOKIE_PATH = '/api/v1/vouches';

/** Vouch link openings per IP per minute: a manager needs one or two; guessing tokens is hopeless, and stays so. */
const openLimiter = new RateLimiter(20, 60_000);

/** The user's side, inside their SSP session (the session cookie's path is /api/v1/ssp). */
@ApiTags('ssp')
@Public()
@Controller('api/v1/ssp/session/vouch')
@UseGuards(SspSessionGuard)
export class SspVouchController {
  constructor(private readonly vouch: SspVouchService) {}

  @Get()
  @ApiOperation({ summary: 'Whether the user can ask their manager to vouch, and where the request stands' })
  @ApiOkResponse({ type: SspVouchView })
  view(@CurrentSspSession() session: SspSessionEntity) {
    return this.vouch.view(session);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends the manager on file a request to vouch for the user (once)' })
  @ApiOkResponse({ type: SspVouchView })
  request(@CurrentSspSession() session: SspSessionEntity, @Req() req: Request) {
    return this.vouch.request(session, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
  }
}

/** The voucher's side: the link from their work inbox, their SSO sign-in, and their answer. */
@ApiTags('vouches')
@Public()
@Controller('api/v1/vouches')
export class VouchesController {
  constructor(
    private readonly requests: VouchRequestsService,
    private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'The voucher opened the link: sign in at the organisation’s IdP to see the request' })
  @ApiOkResponse({ type: VouchSignInStart })
  async signIn(@Body() dto: VouchSignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<VouchSignInStart> {
    if (!openLimiter.take(req.ip ?? 'unknown'))
      throw new ProblemException('rateLimited', 'Too many attempts from your network. Wait a minute.');
    const { authorizationUrl, handle } = await this.requests.begin(dto.token);
    // Lax, not Strict: the IdP's redirect back is a cross-site navigation.
    res.cookie(SIGN_IN_COOKIE, handle, { ...this.cookieBase(), sameSite: 'lax', maxAge: LOGIN_ATTEMPT_TTL_MS });
    return { authorizationUrl };
  }

  @Get('callback')
  @ApiOperation({ summary: 'The IdP returns here; the browser goes back to the vouch page with ?vouch=<result>' })
  async callback(@Req() req: Request, @Res() res: Response) {
    const handle = readCookie(req, SIGN_IN_COOKIE);
    res.clearCookie(SIGN_IN_COOKIE, { path: COOKIE_PATH });
    const signIn = await this.requests.complete(handle, new URL(req.originalUrl, this.config.publicUrl), req.ip ?? null);
    if (signIn.outcome === 'signed_in') {
      res.cookie(VOUCHER_COOKIE, signIn.session, { ...this.cookieBase(), sameSite: 'strict', expires: signIn.expiresAt });
    }
    res.redirect(302, `/ssp/vouch?vouch=${signIn.outcome}`);
  }

  @Get('request')
  @UseGuards(VoucherSessionGuard)
  @ApiOperation({ summary: 'The request the signed-in voucher is answering: who asks, why and from where' })
  @ApiOkResponse({ type: VouchRequestView })
  current(@CurrentVouchRequest() request: VouchRequestEntity) {
    return this.requests.current(request);
  }

  @Post('request/decision')
  @HttpCode(200)
  @UseGuards(VoucherSessionGuard)
  @ApiOperation({ summary: 'Confirm (after speaking on video or in person) or refuse; once' })
  @ApiOkResponse({ type: VouchDecisionResult })
  decide(@CurrentVouchRequest() request: VouchRequestEntity, @Body() dto: VouchDecisionDto, @Req() req: Request) {
    return this.requests.decide(request, dto, req.ip ?? null);
  }

  private cookieBase() {
    return { httpOnly: true, secure: this.config.publicUrl.startsWith('https://'), path: COOKIE_PATH };
  }
}
