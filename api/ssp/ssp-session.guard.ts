import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { readCookie } from '../common/cookies';
import { hashSecret } from '../../core/security/hash-secret';
import { ProblemException } from '../common/problem';
import { SspSessionEntity } from '../../core/database/entities';

export const SSP_COOKIE = 'rg_ssp';

type SspRequest = Request & { sspSession?: SspSessionEntity };

const FINISH_RETRY = 'ssp-finish-retry';
/** Marks the finish route: a session already finished may ask again, so a retry learns the first finish's result. */
export const AllowsFinishRetry = () => SetMetadata(FINISH_RETRY, true);

/** The SSP's own short-lived session: a cookie bound to one verification, unusable once finished (but for finishing again). */
@Injectable()
export class SspSessionGuard implements CanActivate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SspRequest>();
    const id = readCookie(request, SSP_COOKIE);
    const finishRetry = this.reflector.get<boolean>(FINISH_RETRY, context.getHandler()) === true;
    const session =
      id &&
      (await this.dataSource.getRepository(SspSessionEntity).findOneBy({
        sessionHash: hashSecret(id),
        ...(!finishRetry && { finishedAt: IsNull() }),
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
