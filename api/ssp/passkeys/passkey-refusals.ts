import { Injectable } from '@nestjs/common';
import type { PasskeyCeremony, SspSessionEntity } from '../../../core/database/entities';
import { AuditService } from '../../audit/audit.service';
import { ProblemException, type ProblemKind } from '../../common/problem';

/** The first characters of a credential id: enough for an auditor to tell passkeys apart, never the whole id. */
export const credentialIdPrefix = (credentialId: string) => credentialId.slice(0, 8);

export interface PasskeyRefusal {
  session: SspSessionEntity;
  ceremony: PasskeyCeremony;
  kind: ProblemKind;
  /** What the user should do: the problem's detail. */
  detail: string;
  /** Why, for the audit log: the check that failed. */
  reason: string;
  credentialId?: string;
  sourceIp: string | null;
}

/**
 * A passkey answer refused is audited (`ssp.passkey_refused`) before the problem goes back: a
 * refused Update leaves no history event, and a run of refusals is what an attack looks like.
 */
@Injectable()
export class PasskeyRefusals {
  constructor(private readonly audit: AuditService) {}

  async refuse({ session, ceremony, kind, detail, reason, credentialId, sourceIp }: PasskeyRefusal): Promise<never> {
    await this.audit.record({
      actor: 'ssp-user',
      action: 'ssp.passkey_refused',
      targetType: 'verification',
      targetId: session.verificationId,
      sourceIp,
      details: { ceremony, reason: reason.slice(0, 300), ...(credentialId && { credentialId: credentialIdPrefix(credentialId) }) },
    });
    throw new ProblemException(kind, detail);
  }
}
