import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { VouchRequestEntity } from '../../core/database/entities';
import { hashSecret } from '../../core/security/hash-secret';
import { readCookie } from '../common/cookies';
import { ProblemException } from '../common/problem';

export const VOUCHER_COOKIE = 'rg_vouch';

type VoucherRequest = Request & { vouchRequest?: VouchRequestEntity };

/**
 * The manager's short session, from their sign-in on the vouch link: a cookie bound to one vouch
 * request. A guard, so a caller without it is turned away before their body is even read.
 */
@Injectable()
export class VoucherSessionGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<VoucherRequest>();
    const session = readCookie(request, VOUCHER_COOKIE);
    const found =
      session && (await this.dataSource.getRepository(VouchRequestEntity).findOneBy({ voucherSessionHash: hashSecret(session) }));
    if (!found) throw new ProblemException('vouchSessionInvalid', 'Open the link in your email again and sign in.');
    request.vouchRequest = found;
    return true;
  }
}

export const CurrentVouchRequest = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): VouchRequestEntity => ctx.switchToHttp().getRequest<VoucherRequest>().vouchRequest!,
);
