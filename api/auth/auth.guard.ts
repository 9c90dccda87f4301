import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { readCookie } from '../common/cookies';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../config/app-config';
import type { Role } from '../database/entities/api-key.entity';
import { ApiKeysService } from './api-keys.service';
import type { AuthenticatedRequest, Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY, TRUSTED_CORS_KEY } from './roles.decorator';
import { CONSOLE_COOKIE, ConsoleSessionsService } from './sso/console-sessions.service';
import { isSafeMethod, requireCsrf } from './sso/csrf';

/**
 * Global guard, closed by default. Integrators send a Bearer API key; console users send their
 * session cookie, and a CSRF token on changes. Either way the principal's roles must meet the
 * endpoint's @Roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const trustsCors = this.reflector.getAllAndOverride<boolean>(TRUSTED_CORS_KEY, targets) ?? false;
    const principal = await this.authenticate(request, trustsCors);
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new ProblemException('forbidden', `This needs one of the roles: ${allowed.join(', ') || 'none'}.`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest, trustsCors: boolean): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const key = match && (await this.apiKeys.authenticate(match[1]));
      if (!key) throw new ProblemException('unauthorized', 'The API key is not valid or has been revoked.');
      return { id: `apikey:${key.name}`, roles: key.roles, kind: 'api_key' };
    }
    const cookie = readCookie(request, CONSOLE_COOKIE);
    const session = cookie ? await this.sessions.find(cookie) : null;
    if (!session) throw new ProblemException('unauthorized', 'Sign in to the console, or send Authorization: Bearer <api key>.');
    const fromTrustedOrigin = trustsCors && this.config.codecCorsOrigins.includes(String(request.headers.origin));
    if (!isSafeMethod(request.method) && !fromTrustedOrigin) requireCsrf(request, session.csrfToken, this.config.publicUrl);
    return { id: `user:${session.email}`, roles: session.roles, kind: 'console_user', name: session.displayName };
  }
}
