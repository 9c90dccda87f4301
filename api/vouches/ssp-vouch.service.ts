import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DirectoryUserEntity, type SspSessionEntity, VerificationEntity, VouchRequestEntity } from '../../core/database/entities';
import { requestVouch } from '../../workflows/verification/messages';
import { AuditService } from '../audit/audit.service';
import { ProblemException } from '../common/problem';
import { VerificationWorkflows } from '../verifications/verification-workflows';
import type { SspVouchView } from './dto/vouch.dto';

/**
 * The user's side of the `vouch` proof: during their session they ask their manager to vouch for
 * them, then watch the request until it is answered. The workflow sends the request, so it goes
 * once, to the address on file, whatever the retries.
 */
@Injectable()
export class SspVouchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: VerificationWorkflows,
    private readonly audit: AuditService,
  ) {}

  async view(session: SspSessionEntity): Promise<SspVouchView> {
    const verification = await this.verificationOf(session);
    const assurance = verification.policy.assurance;
    const vouch = verification.proofs?.filter((p) => p.kind === 'vouch').at(-1);
    // The person asked, or the one who would be: the user sees the name before asking.
    const request = await this.dataSource.getRepository(VouchRequestEntity).findOneBy({ verificationId: verification.id });
    const users = this.dataSource.getRepository(DirectoryUserEntity);
    const voucherId = request?.voucherUserId ?? (await users.findOneBy({ id: verification.userId }))?.managerId;
    const voucher = voucherId ? await users.findOneBy({ id: voucherId, active: true }) : null;
    const usesVouch = !!assurance && [...assurance.required, ...assurance.strong.from].includes('vouch');
    return {
      offered: usesVouch && verification.status === 'in_progress' && !vouch,
      status: vouch?.status ?? 'none',
      voucherName: voucher?.displayName ?? null,
      detail: vouch?.detail ?? (usesVouch ? 'You can ask your manager to vouch for you.' : 'This verification does not use a vouch.'),
    };
  }

  async request(session: SspSessionEntity, from: { ip: string | null; userAgent: string | null }): Promise<SspVouchView> {
    const verification = await this.verificationOf(session);
    const sent = await this.workflows.update(verification.id, requestVouch, { from });
    if (!sent.accepted) throw new ProblemException('vouchUnavailable', `Asking for a vouch is not possible now: ${sent.reason}.`);
    await this.audit.record({
      actor: 'ssp-user',
      action: 'ssp.vouch_requested',
      targetType: 'verification',
      targetId: verification.id,
      sourceIp: from.ip,
      details: { status: sent.result.status },
    });
    return this.view(session);
  }

  private verificationOf(session: SspSessionEntity): Promise<VerificationEntity> {
    return this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: session.verificationId });
  }
}
