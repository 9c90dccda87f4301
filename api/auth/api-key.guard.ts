import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../common/problem';
import type { Role } from '../database/entities/api-key.entity';
import { ApiKeysService } from './api-keys.service';
import type { AuthenticatedRequest } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Global guard: a Bearer API key whose roles meet the endpoint's @Roles. Closed by default. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const key = match && (await this.apiKeys.authenticate(match[1]));
    if (!key) throw new ProblemException('unauthorized', 'Send Authorization: Bearer <api key> with a valid, unrevoked key.');
    request.principal = { id: `apikey:${key.name}`, roles: key.roles };

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!key.roles.some((role) => allowed.includes(role))) {
      throw new ProblemException('forbidden', `This endpoint needs one of the roles: ${allowed.join(', ') || 'none'}.`);
    }
    return true;
  }
}
