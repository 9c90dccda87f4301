import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '../../core/database/entities/api-key.entity';

/** Who is calling: recorded as `initiatedBy`, `approvedBy` and the audit actor. */
export interface Principal {
  /** `apikey:<name>` or `user:<email>`. */
  id: string;
  roles: Role[];
  kind: 'api_key' | 'console_user';
  name?: string;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);

export const ClientIp = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  const request = ctx.switchToHttp().getRequest<Request>();
  return request.ip ?? null;
});
