import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DirectoryUserEntity, RecoveryPasskeyEntity } from '../../core/database/entities';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { credentialIdPrefix } from '../ssp/passkeys/passkey-refusals';
import type { RecoveryPasskeyList, RecoveryPasskeyView } from './dto/recovery-passkey.view.dto';
import { unknownUser } from './user-id-param';

export function toRecoveryPasskeyView(p: RecoveryPasskeyEntity): RecoveryPasskeyView {
  return {
    id: p.id,
    credentialIdPrefix: credentialIdPrefix(p.credentialId),
    transports: p.transports,
    addedAt: p.createdAt.toISOString(),
    addedAfterVerificationId: p.enrolledAfterVerificationId,
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * A user's recovery passkeys seen from the console: listed for whoever reads verifications,
 * removed by an admin only. A removal is audited (`passkey.removed`) in the same transaction;
 * the user is not told.
 */
@Injectable()
export class RecoveryPasskeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<RecoveryPasskeyList> {
    if (!(await this.dataSource.getRepository(DirectoryUserEntity).existsBy({ id: userId }))) throw unknownUser();
    const passkeys = await this.dataSource
      .getRepository(RecoveryPasskeyEntity)
      .find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { userId, items: passkeys.map(toRecoveryPasskeyView) };
  }

  /** Removes one of this user's passkeys; another user's passkey, or one already removed, is a 404. */
  async remove(userId: string, passkeyId: string, principal: Principal, sourceIp: string | null): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      // One statement finds and deletes it: of two removals at once, one deletes and audits, the other is a 404.
      const { raw } = await db
        .createQueryBuilder()
        .delete()
        .from(RecoveryPasskeyEntity)
        .where('id = :passkeyId AND user_id = :userId', { passkeyId, userId })
        .returning('credential_id, enrolled_after_verification_id')
        .execute();
      const removed = (raw as { credential_id: string; enrolled_after_verification_id: string }[])[0];
      if (!removed) throw new ProblemException('notFound', `This user has no recovery passkey with id ${passkeyId}.`);
      await this.audit.record(
        {
          actor: principal.id,
          action: 'passkey.removed',
          targetType: 'recovery_passkey',
          targetId: passkeyId,
          sourceIp,
          details: {
            userId,
            credentialId: credentialIdPrefix(removed.credential_id),
            enrolledAfterVerificationId: removed.enrolled_after_verification_id,
          },
        },
        db,
      );
    });
  }
}
