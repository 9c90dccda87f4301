import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { hashSecret } from '../../../core/security/hash-secret';
import { AppConfig } from '../../../core/config/app-config';
import { ConsoleSessionEntity } from '../../../core/database/entities';
import type { Role } from '../../../core/database/entities/api-key.entity';

export const CONSOLE_COOKIE = 'rg_console';

/** Touch a session at most this often: reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export interface SignedInUser {
  subject: string;
  email: string;
  name: string;
  roles: Role[];
  idToken?: string;
}

/**
 * Console sessions, server side. The cookie is 256 random bits; the database keeps its hash, so
 * a leaked table cannot be replayed. Sessions end after idle time or an absolute lifetime.
 */
@Injectable()
export class ConsoleSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async create(user: SignedInUser): Promise<{ cookie: string; session: ConsoleSessionEntity }> {
    const cookie = randomBytes(32).toString('base64url');
    const now = new Date();
    const repo = this.dataSource.getRepository(ConsoleSessionEntity);
    await repo.delete({ expiresAt: LessThan(now) }); // housekeeping, cheap with the index
    const session = await repo.save(
      repo.create({
        sessionHash: hashSecret(cookie),
        subject: user.subject,
        email: user.email,
        displayName: user.name,
        roles: user.roles,
        csrfToken: randomBytes(24).toString('base64url'),
        idToken: user.idToken ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.sso.sessionMaxSeconds * 1000),
      }),
    );
    return { cookie, session };
  }

  /** The live session for a cookie, or null when unknown, idle too long or past its lifetime. */
  async find(cookie: string): Promise<ConsoleSessionEntity | null> {
    const repo = this.dataSource.getRepository(ConsoleSessionEntity);
    const session = await repo.findOneBy({ sessionHash: hashSecret(cookie) });
    if (!session) return null;
    const now = Date.now();
    const idleLimit = session.lastSeenAt.getTime() + this.config.sso.sessionIdleSeconds * 1000;
    if (session.expiresAt.getTime() <= now || idleLimit <= now) {
      await repo.delete({ sessionHash: session.sessionHash });
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      session.lastSeenAt = new Date(now);
      await repo.update({ sessionHash: session.sessionHash }, { lastSeenAt: session.lastSeenAt });
    }
    return session;
  }

  async destroy(cookie: string): Promise<ConsoleSessionEntity | null> {
    const repo = this.dataSource.getRepository(ConsoleSessionEntity);
    const session = await repo.findOneBy({ sessionHash: hashSecret(cookie) });
    if (session) await repo.delete({ sessionHash: session.sessionHash });
    return session;
  }
}
