import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import { DataSource } from 'typeorm';
import { recordProof } from '../../../workflows/verification/messages';
import { AppConfig } from '../../../core/config/app-config';
import { RecoveryPasskeyEntity, type SspSessionEntity, VerificationEntity } from '../../../core/database/entities';
import { AuditService } from '../../audit/audit.service';
import { ProblemException } from '../../common/problem';
import { VerificationWorkflows } from '../../verifications/verification-workflows';
import type { AuthenticationResponseDto } from './dto/passkey.dto';
import { PasskeyChallenges } from './passkey-challenges';
import { credentialIdPrefix, type PasskeyRefusal, PasskeyRefusals } from './passkey-refusals';
import { assertionUnavailable, CHALLENGE_LIFETIME_MS } from './passkey-rules';
import { relyingParty } from './relying-party';

const TRY_AGAIN = 'Your passkey’s answer could not be checked. Try again, or continue without it.';

/**
 * The `recovery_passkey` proof: during a session, the user asserts a passkey they enrolled after
 * an earlier pass. The API checks the assertion (challenge, origin, RP ID, signature, user
 * verification, counter) and only then tells the workflow, with `recordProof`.
 */
@Injectable()
export class PasskeyAssertionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly challenges: PasskeyChallenges,
    private readonly refusals: PasskeyRefusals,
    private readonly workflows: VerificationWorkflows,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Whether the session may offer "Use your recovery passkey", and whether it was already confirmed. */
  async offer(verification: VerificationEntity): Promise<{ offered: boolean; asserted: boolean }> {
    const asserted = !!verification.proofs?.some((p) => p.kind === 'recovery_passkey' && p.status === 'met');
    const offered = !!relyingParty(this.config.publicUrl) && !assertionUnavailable(verification, await this.enrolled(verification));
    return { offered, asserted };
  }

  async options(session: SspSessionEntity): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const verification = await this.verificationOf(session);
    const passkeys = await this.dataSource.getRepository(RecoveryPasskeyEntity).findBy({ userId: verification.userId });
    const rp = this.usableRelyingParty(verification, passkeys.length);
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
      userVerification: 'required',
      timeout: CHALLENGE_LIFETIME_MS,
    });
    await this.challenges.remember(session.id, 'authentication', options.challenge);
    return options;
  }

  async verify(session: SspSessionEntity, dto: AuthenticationResponseDto, sourceIp: string | null): Promise<{ proof: 'met' }> {
    const verification = await this.verificationOf(session);
    const refuse = (refusal: Pick<PasskeyRefusal, 'kind' | 'detail' | 'reason'>) =>
      this.refusals.refuse({ ...refusal, session, ceremony: 'authentication', credentialId: dto.id, sourceIp });
    const rp = this.usableRelyingParty(verification, await this.enrolled(verification));

    const challenge = await this.challenges.spend(session.id, 'authentication');
    if (!challenge) {
      return refuse({
        kind: 'passkeyChallengeInvalid',
        detail: 'This passkey prompt has expired or was already answered. Try again.',
        reason: 'no live challenge',
      });
    }
    // Only this verification's user's passkeys: another person's passkey proves nothing here.
    const passkey = await this.dataSource
      .getRepository(RecoveryPasskeyEntity)
      .findOneBy({ credentialId: dto.id, userId: verification.userId });
    if (!passkey) return refuse({ kind: 'passkeyRefused', detail: TRY_AGAIN, reason: 'not a passkey of this verification’s user' });

    const checked = await verifyAuthenticationResponse({
      response: dto as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter },
      requireUserVerification: true,
    }).catch((err: unknown) => ({ verified: false as const, error: err instanceof Error ? err.message : String(err) }));
    if (!checked.verified || !('authenticationInfo' in checked) || !checked.authenticationInfo.userVerified) {
      return refuse({ kind: 'passkeyRefused', detail: TRY_AGAIN, reason: 'error' in checked ? checked.error : 'not verified' });
    }

    // Conditional on the counter read above: of two answers signed with one counter value, one wins.
    const { affected } = await this.dataSource
      .createQueryBuilder()
      .update(RecoveryPasskeyEntity)
      .set({ counter: checked.authenticationInfo.newCounter, lastUsedAt: () => 'now()' })
      .where('id = :id AND counter = :counter', { id: passkey.id, counter: passkey.counter })
      .execute();
    if (!affected) return refuse({ kind: 'passkeyRefused', detail: TRY_AGAIN, reason: 'the counter moved during the check' });

    const recorded = await this.workflows.update(verification.id, recordProof, {
      kind: 'recovery_passkey',
      status: 'met',
      detail: 'the user’s recovery passkey was asserted with user verification',
      evidence: { credentialId: credentialIdPrefix(passkey.credentialId), userVerified: true },
    });
    if (!recorded.accepted) {
      return refuse({
        kind: 'proofRefused',
        detail: `Your passkey was checked, but this verification did not accept it (${recorded.reason}).`,
        reason: `recordProof refused: ${recorded.reason}`,
      });
    }
    await this.audit.record({
      actor: 'ssp-user',
      action: 'ssp.passkey_asserted',
      targetType: 'verification',
      targetId: verification.id,
      sourceIp,
      details: { credentialId: credentialIdPrefix(passkey.credentialId) },
    });
    return { proof: 'met' };
  }

  /** The relying party, when this verification can take a passkey now; otherwise the 409 that says why. */
  private usableRelyingParty(verification: VerificationEntity, enrolled: number) {
    const rp = relyingParty(this.config.publicUrl);
    const why = assertionUnavailable(verification, enrolled) ?? (rp ? undefined : 'Passkeys cannot be used at this address.');
    if (why || !rp) throw new ProblemException('passkeyUnavailable', why ?? 'Passkeys cannot be used at this address.');
    return rp;
  }

  private verificationOf(session: SspSessionEntity): Promise<VerificationEntity> {
    return this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: session.verificationId });
  }

  private enrolled(verification: VerificationEntity): Promise<number> {
    return this.dataSource.getRepository(RecoveryPasskeyEntity).countBy({ userId: verification.userId });
  }
}
