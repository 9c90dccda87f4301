import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { readCookie } from '../common/cookies';
import { hashSecret } from '../../core/security/hash-secret';
import { ProblemException } from '../common/problem';
import { SspSessionEntity } from '../../core/database/entities';

export const SSP_COOKIE = 'rg_ssp';

type SspRequest = Request & { sspSession?: SspSessionEntity };

/** The SSP's own short-lived session: a cookie bound to one verification, unusable once finished. */
@Injectable()
export class SspSessionGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SspRequest>();
    const id = readCookie(request, SSP_COOKIE);
    const session =
      id &&
      (await this.dataSource.getRepository(SspSessionEntity).findOneBy({
        sessionHash: hashSecret(id),
        finishedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      }));
    if (!session) throw new ProblemException('sessionInvalid', 'Your verification session has ended. Ask the helpdesk for a new link.');
    request.sspSession = session;
    return true;
  }
}

export const CurrentSspSession = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): SspSessionEntity => ctx.switchToHttp().getRequest<SspRequest>().sspSession!,
);
