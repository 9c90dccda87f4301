import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { readCookie } from '../common/cookies';
import { ApiKeysService } from './api-keys.service';
import { CONSOLE_COOKIE, ConsoleSessionsService } from './sso/console-sessions.service';

/**
 * For long-lived responses (the live-status stream): are the credentials that opened it still
 * good? A signed-out, expired or revoked caller stops receiving within a heartbeat.
 */
@Injectable()
export class StillAuthenticated {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsService,
  ) {}

  async check(request: Request): Promise<boolean> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (bearer) return !!(await this.apiKeys.authenticate(bearer[1]));
    const cookie = readCookie(request, CONSOLE_COOKIE);
    return !!cookie && !!(await this.sessions.find(cookie));
  }
}
