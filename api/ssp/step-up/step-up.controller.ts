import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/roles.decorator';
import { readCookie } from '../../common/cookies';
import { AppConfig } from '../../../core/config/app-config';
import type { SspSessionEntity } from '../../../core/database/entities';
import { CurrentSspSession, SspSessionGuard } from '../ssp-session.guard';
import { LOGIN_ATTEMPT_TTL_MS } from '../../auth/sso/login-attempts';
import { StepUpService } from './step-up.service';

const STEP_UP_COOKIE = 'rg_step_up';
const COOKIE_PATH = '/api/v1/ssp/step-up';

export class StepUpStart {
  @ApiProperty({ description: 'Send the browser here: the organisation’s sign-in page' }) authorizationUrl: string;
}

@ApiTags('ssp')
@Public()
@Controller('api/v1/ssp')
export class StepUpController {
  constructor(
    private readonly stepUp: StepUpService,
    private readonly config: AppConfig,
  ) {}

  @Post('session/step-up')
  @HttpCode(200)
  @UseGuards(SspSessionGuard)
  @ApiOperation({ summary: 'Optional: sign in again at the organisation’s IdP as an extra proof' })
  @ApiOkResponse({ type: StepUpStart })
  async begin(@CurrentSspSession() session: SspSessionEntity, @Res({ passthrough: true }) res: Response): Promise<StepUpStart> {
    const { authorizationUrl, handle } = await this.stepUp.begin(session);
    // Lax, not Strict: the IdP's redirect back is a cross-site navigation.
    res.cookie(STEP_UP_COOKIE, handle, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https://'),
      path: COOKIE_PATH,
      maxAge: LOGIN_ATTEMPT_TTL_MS,
    });
    return { authorizationUrl };
  }

  @Get('step-up/callback')
  @ApiOperation({ summary: 'The IdP returns here; the browser goes back to the SSP with ?stepUp=<result>' })
  async callback(@Req() req: Request, @Res() res: Response) {
    const handle = readCookie(req, STEP_UP_COOKIE);
    res.clearCookie(STEP_UP_COOKIE, { path: COOKIE_PATH });
    const outcome = await this.stepUp.complete(handle, new URL(req.originalUrl, this.config.publicUrl), req.ip ?? null);
    res.redirect(302, `/ssp/?stepUp=${outcome}`);
  }
}
