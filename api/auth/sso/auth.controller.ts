import { Controller, Get, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../../audit/audit.service';
import { readCookie } from '../../common/cookies';
import { ProblemException } from '../../common/problem';
import { RateLimiter } from '../../common/rate-limiter';
import { AppConfig } from '../../../core/config/app-config';
import { Public } from '../roles.decorator';
import { CONSOLE_COOKIE, ConsoleSessionsService } from './console-sessions.service';
import { LOGIN_ATTEMPT_TTL_MS, LoginAttempts } from './login-attempts';
import { OidcClient } from './oidc-client';
import { rolesFromClaims } from './role-mapping';
import { ConsoleSessionView, LogoutView } from './session.dto';
import { requireCsrf } from './csrf';

const LOGIN_COOKIE = 'rg_login';
const CONSOLE_HOME = '/console/';

/**
 * Console sign-in as a backend-for-frontend: the browser is redirected to the IdP and back, the
 * API redeems the code, and the browser only ever holds an httpOnly session cookie.
 */
/** Sign-ins started per IP per minute: each one stores an attempt, and needs no credentials. */
const loginLimiter = new RateLimiter(60, 60_000);

@ApiTags('console sign-in')
@Public()
@Controller('api/v1/auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly oidc: OidcClient,
    private readonly sessions: ConsoleSessionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly loginAttempts: LoginAttempts,
  ) {}

  @Get('login')
  @ApiOperation({ summary: 'Start signing in: redirects to the identity provider' })
  async login(@Query('returnTo') returnTo: string | undefined, @Req() req: Request, @Res() res: Response) {
    if (!loginLimiter.take(req.ip ?? 'unknown'))
      throw new ProblemException('rateLimited', 'Too many sign-ins from your network. Wait a minute.');
    const request = await this.oidc.authorizationRequest({ callbackPath: '/api/v1/auth/callback' }).catch(() => {
      throw new ProblemException('ssoUnavailable', `The identity provider at ${this.config.sso.issuer} did not answer. Try again shortly.`);
    });
    const handle = await this.loginAttempts.remember(request, { returnTo: safeReturnTo(returnTo) });
    // Binds the callback to this browser: a code delivered to another browser is refused (login CSRF).
    res.cookie(LOGIN_COOKIE, handle, { ...this.cookieOptions('/api/v1/auth'), maxAge: LOGIN_ATTEMPT_TTL_MS });
    res.redirect(302, request.url.toString());
  }

  @Get('callback')
  @ApiOperation({ summary: 'The identity provider returns here with the authorization code' })
  async callback(@Req() req: Request, @Res() res: Response) {
    res.clearCookie(LOGIN_COOKIE, { path: '/api/v1/auth' });
    const attempt = await this.loginAttempts.redeem(readCookie(req, LOGIN_COOKIE));
    if (!attempt || attempt.verificationId) {
      throw new ProblemException('signInFailed', 'This sign-in was not started in this browser, or took too long. Sign in again.');
    }
    const idpError = typeof req.query.error === 'string' ? req.query.error : undefined;
    if (idpError) return res.redirect(302, `${CONSOLE_HOME}?signInError=${encodeURIComponent(idpError)}`);

    const callbackUrl = new URL(req.originalUrl, this.config.publicUrl);
    const signIn = await this.oidc.completeSignIn(callbackUrl, attempt).catch((err: unknown) => {
      this.logger.warn(`sign-in refused by the OIDC checks: ${String(err)}`);
      throw new ProblemException('signInFailed', 'The identity provider’s answer did not pass the checks. Sign in again.');
    });
    const email = String(signIn.claims.email ?? signIn.claims.preferred_username ?? signIn.claims.sub);
    const roles = rolesFromClaims(signIn.claims, this.config.sso.rolesClaim, this.config.sso.roleGroups);
    const actor = `user:${email}`;
    if (roles.length === 0) {
      await this.audit.record({
        actor,
        action: 'auth.sign_in_refused',
        targetType: 'console',
        sourceIp: req.ip,
        details: { reason: 'no role' },
      });
      return res.redirect(302, `${CONSOLE_HOME}?signInError=no_role`);
    }
    const { cookie, session } = await this.sessions.create({
      subject: String(signIn.claims.sub),
      email,
      name: String(signIn.claims.name ?? email),
      roles,
      idToken: signIn.idToken,
    });
    await this.audit.record({ actor, action: 'auth.sign_in', targetType: 'console', sourceIp: req.ip, details: { roles } });
    res.cookie(CONSOLE_COOKIE, cookie, { ...this.cookieOptions('/'), expires: session.expiresAt });
    res.redirect(302, attempt.returnTo);
  }

  @Get('session')
  @ApiOperation({ summary: 'Who is signed in to the console, and the CSRF token to send back' })
  @ApiOkResponse({ type: ConsoleSessionView })
  async session(@Req() req: Request): Promise<ConsoleSessionView> {
    const cookie = readCookie(req, CONSOLE_COOKIE);
    const session = cookie ? await this.sessions.find(cookie) : null;
    if (!session) throw new ProblemException('unauthorized', 'Not signed in to the console.');
    return {
      user: { email: session.email, name: session.displayName, roles: session.roles },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out of the console; returns the IdP logout URL when there is one' })
  @ApiOkResponse({ type: LogoutView })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LogoutView> {
    const cookie = readCookie(req, CONSOLE_COOKIE);
    const session = cookie ? await this.sessions.find(cookie) : null;
    if (!session) throw new ProblemException('unauthorized', 'Not signed in to the console.');
    requireCsrf(req, session.csrfToken, this.config.publicUrl);
    await this.sessions.destroy(cookie!);
    res.clearCookie(CONSOLE_COOKIE, { path: '/' });
    await this.audit.record({ actor: `user:${session.email}`, action: 'auth.sign_out', targetType: 'console', sourceIp: req.ip });
    return { logoutUrl: await this.oidc.endSessionUrl(session.idToken) };
  }

  private cookieOptions(path: string) {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.config.publicUrl.startsWith('https://'), path };
  }
}

/** Only a path inside the console: never another site (open redirect) or a protocol-relative URL. */
export function safeReturnTo(returnTo: string | undefined): string {
  if (!returnTo || !returnTo.startsWith(CONSOLE_HOME) || returnTo.includes('//') || returnTo.includes('\\')) return CONSOLE_HOME;
  return returnTo.length > 500 ? CONSOLE_HOME : returnTo;
}
