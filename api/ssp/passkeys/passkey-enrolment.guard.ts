import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, MoreThan } from 'typeorm';
import { SspSessionEntity } from '../../../core/database/entities';
import { hashSecret } from '../../../core/security/hash-secret';
import { readCookie } from '../../common/cookies';
import { ProblemException } from '../../common/problem';

export const ENROLMENT_COOKIE = 'rg_passkey_enrolment';
/** The cookie goes only to the registration endpoints. */
export const ENROLMENT_COOKIE_PATH = '/api/v1/ssp/passkeys/registration';

/**
 * The grant a pass gives: the finished SSP session it came from, found by the enrolment cookie
 * while its few minutes last and until a passkey is added with it. The ordinary SSP cookie is
 * cleared at the finish, so nothing else can be done with a finished session.
 */
@Injectable()
export class PasskeyEnrolmentGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { sspSession?: SspSessionEntity }>();
    const grant = readCookie(request, ENROLMENT_COOKIE);
    const session =
      grant &&
      (await this.dataSource.getRepository(SspSessionEntity).findOneBy({
        enrolmentGrantHash: hashSecret(grant),
        enrolmentExpiresAt: MoreThan(new Date()),
      }));
    if (!session) {
      throw new ProblemException(
        'passkeyEnrolmentInvalid',
        'A recovery passkey can be added only in the few minutes right after you are verified, and only once.',
      );
    }
    request.sspSession = session;
    return true;
  }
}
