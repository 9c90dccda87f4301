import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type PasskeyCeremony, PasskeyChallengeEntity } from '../../../core/database/entities';
import { CHALLENGE_LIFETIME_MS } from './passkey-rules';

/**
 * The challenge each SSP session is answering, kept server side. One per session: a new prompt
 * replaces the last. Spending it is one DELETE … RETURNING, so an answer can use it once, and two
 * answers racing cannot both have it.
 */
@Injectable()
export class PasskeyChallenges {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async remember(sspSessionId: string, ceremony: PasskeyCeremony, challenge: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PasskeyChallengeEntity)
      .values({ sspSessionId, ceremony, challenge, expiresAt: new Date(Date.now() + CHALLENGE_LIFETIME_MS) })
      .orUpdate(['ceremony', 'challenge', 'expires_at'], ['ssp_session_id'])
      .execute();
  }

  /** The session's live challenge for this ceremony, removed as it is read; null when there is none. */
  async spend(sspSessionId: string, ceremony: PasskeyCeremony): Promise<string | null> {
    const { raw } = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(PasskeyChallengeEntity)
      .where('ssp_session_id = :sspSessionId AND ceremony = :ceremony AND expires_at > now()', { sspSessionId, ceremony })
      .returning('challenge')
      .execute();
    return (raw as { challenge: string }[])[0]?.challenge ?? null;
  }
}
