import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import type { Role } from '../../core/database/entities/api-key.entity';
import { Credentials } from './credentials';
import type { AuthenticatedRequest, Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY, TRUSTED_CORS_KEY } from './roles.decorator';
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
    private readonly credentials: Credentials,
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
    const credential = await this.credentials.of(request);
    if (credential.kind === 'invalid_key') throw new ProblemException('unauthorized', 'The API key is not valid or has been revoked.');
    if (credential.kind === 'none')
      throw new ProblemException('unauthorized', 'Sign in to the console, or send Authorization: Bearer <api key>.');
    if (credential.kind === 'console_user' && !isSafeMethod(request.method)) {
      const fromTrustedOrigin = trustsCors && this.config.codecCorsOrigins.includes(String(request.headers.origin));
      if (!fromTrustedOrigin) requireCsrf(request, credential.csrfToken, this.config.publicUrl);
    }
    return credential.principal;
  }
}
