import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OidcLoginAttemptEntity } from '../../../core/database/entities';
import { hashSecret } from '../../../core/security/hash-secret';
import { ProblemException } from '../../common/problem';
import type { AuthorizationRequest } from './oidc-client';

export const LOGIN_ATTEMPT_TTL_MS = 10 * 60_000;
/**
 * Sign-ins in flight at once, for the whole deployment. Starting one needs no credentials, so
 * without a cap a flood of `GET /api/v1/auth/login` grew the table without end; far above any
 * real organisation's sign-ins in ten minutes.
 */
export const MAX_LIVE_LOGIN_ATTEMPTS = 10_000;

/**
 * Deletes the expired attempts, and says whether there is room for one more under `cap`. An
 * abandoned sign-in leaves a row; this is what removes it.
 */
export async function roomForLoginAttempt(dataSource: DataSource, cap = MAX_LIVE_LOGIN_ATTEMPTS): Promise<boolean> {
  await dataSource.query(`DELETE FROM oidc_login_attempts WHERE expires_at < now()`);
  const [{ live }] = await dataSource.query(`SELECT count(*)::int AS live FROM oidc_login_attempts`);
  return live < cap;
}

/**
 * Authorization requests in flight (console sign-in or SSP step-up). The browser keeps a
 * random handle in a cookie; the database keeps its hash with the PKCE verifier, state and nonce,
 * so the IdP's answer is accepted only in the browser that asked, once, within ten minutes.
 */
@Injectable()
export class LoginAttempts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the attempt and returns the browser's handle for it; a 429 while the deployment holds too many. */
  async remember(request: AuthorizationRequest, options: { returnTo: string; verificationId?: string }): Promise<string> {
    if (!(await roomForLoginAttempt(this.dataSource))) {
      throw new ProblemException('rateLimited', 'Too many sign-ins are in progress. Try again in a few minutes.');
    }
    const handle = randomBytes(32).toString('base64url');
    await this.dataSource.getRepository(OidcLoginAttemptEntity).insert({
      attemptHash: hashSecret(handle),
      state: request.state,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      returnTo: options.returnTo,
      verificationId: options.verificationId ?? null,
      expiresAt: new Date(Date.now() + LOGIN_ATTEMPT_TTL_MS),
    });
    return handle;
  }

  /** The live attempt for this handle, spent as it is read; null when unknown, used or expired. */
  async redeem(handle: string | undefined): Promise<OidcLoginAttemptEntity | null> {
    if (!handle) return null;
    const attempts = this.dataSource.getRepository(OidcLoginAttemptEntity);
    const attempt = await attempts.findOneBy({ attemptHash: hashSecret(handle) });
    if (!attempt) return null;
    await attempts.delete({ attemptHash: attempt.attemptHash });
    return attempt.expiresAt.getTime() < Date.now() ? null : attempt;
  }
}
