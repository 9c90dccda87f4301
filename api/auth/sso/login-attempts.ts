import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OidcLoginAttemptEntity } from '../../../core/database/entities';
import { hashSecret } from '../../../core/security/hash-secret';
import type { AuthorizationRequest } from './oidc-client';

export const LOGIN_ATTEMPT_TTL_MS = 10 * 60_000;

/**
 * Authorization requests in flight (console sign-in or SSP step-up). The browser keeps a
 * random handle in a cookie; the database keeps its hash with the PKCE verifier, state and nonce,
 * so the IdP's answer is accepted only in the browser that asked, once, within ten minutes.
 */
@Injectable()
export class LoginAttempts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the attempt and returns the browser's handle for it. */
  async remember(request: AuthorizationRequest, options: { returnTo: string; verificationId?: string }): Promise<string> {
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
