import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { readCookie } from '../common/cookies';
import { ApiKeysService } from './api-keys.service';
import type { Principal } from './principal';
import { CONSOLE_COOKIE, ConsoleSessionsService } from './sso/console-sessions.service';

export type Credential =
  | { kind: 'api_key'; principal: Principal }
  | { kind: 'console_user'; principal: Principal; csrfToken: string }
  | { kind: 'invalid_key' }
  | { kind: 'none' };

/**
 * Who a request comes from: a Bearer API key (integrators) or the console session cookie. One
 * place for both the guard and long-lived responses (the live-status stream re-checks it).
 */
@Injectable()
export class Credentials {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsService,
  ) {}

  async of(request: Request): Promise<Credential> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
      const key = bearer && (await this.apiKeys.authenticate(bearer[1]));
      if (!key) return { kind: 'invalid_key' };
      return { kind: 'api_key', principal: { id: `apikey:${key.name}`, roles: key.roles, kind: 'api_key' } };
    }
    const cookie = readCookie(request, CONSOLE_COOKIE);
    const session = cookie ? await this.sessions.find(cookie) : null;
    if (!session) return { kind: 'none' };
    return {
      kind: 'console_user',
      principal: { id: `user:${session.email}`, roles: session.roles, kind: 'console_user', name: session.displayName },
      csrfToken: session.csrfToken,
    };
  }

  /** Are the credentials that opened a long-lived response still good (not signed out, expired or revoked)? */
  async stillValid(request: Request): Promise<boolean> {
    const credential = await this.of(request);
    return credential.kind === 'api_key' || credential.kind === 'console_user';
  }
}
