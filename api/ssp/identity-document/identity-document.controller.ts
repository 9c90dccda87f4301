import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../../../core/config/app-config';
import type { SspSessionEntity } from '../../../core/database/entities';
import { LOGIN_ATTEMPT_TTL_MS } from '../../auth/sso/login-attempts';
import { Public } from '../../auth/roles.decorator';
import { readCookie } from '../../common/cookies';
import { ProblemException } from '../../common/problem';
import { RateLimiter } from '../../common/rate-limiter';
import { CurrentSspSession, SspSessionGuard } from '../ssp-session.guard';
import { IdentityDocumentStart } from './dto/identity-document.dto';
import { IdentityDocumentService } from './identity-document.service';

const DOCUMENT_COOKIE = 'rg_identity_document';
const COOKIE_PATH = '/api/v1/ssp/identity-document';

/** Checks started per SSP session per minute: a person needs one or two; each one is a request to the provider. */
const beginLimiter = new RateLimiter(5, 60_000);

/** The identity-document proof in the SSP (docs/assurance.md, "Identity document"). */
@ApiTags('ssp')
@Public()
@Controller('api/v1/ssp')
export class IdentityDocumentController {
  constructor(
    private readonly documents: IdentityDocumentService,
    private readonly config: AppConfig,
  ) {}

  @Post('session/identity-document')
  @HttpCode(200)
  @UseGuards(SspSessionGuard)
  @ApiOperation({ summary: 'Optional: check an identity document and a selfie at the identity-verification provider, as a proof' })
  @ApiOkResponse({ type: IdentityDocumentStart })
  async begin(@CurrentSspSession() session: SspSessionEntity, @Res({ passthrough: true }) res: Response): Promise<IdentityDocumentStart> {
    if (!beginLimiter.take(session.id)) throw new ProblemException('rateLimited', 'Too many identity checks started. Wait a minute.');
    const { authorizationUrl, handle } = await this.documents.begin(session);
    // Lax, not Strict: the provider's redirect back is a cross-site navigation.
    res.cookie(DOCUMENT_COOKIE, handle, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https://'),
      path: COOKIE_PATH,
      maxAge: LOGIN_ATTEMPT_TTL_MS,
    });
    return { authorizationUrl };
  }

  @Get('identity-document/callback')
  @ApiOperation({ summary: 'The provider returns here; the browser goes back to the SSP with ?document=met|failed|cancelled' })
  async callback(@Req() req: Request, @Res() res: Response) {
    const handle = readCookie(req, DOCUMENT_COOKIE);
    res.clearCookie(DOCUMENT_COOKIE, { path: COOKIE_PATH });
    const outcome = await this.documents.complete(handle, new URL(req.originalUrl, this.config.publicUrl), req.ip ?? null);
    res.redirect(302, `/ssp/?document=${outcome}`);
  }
}
