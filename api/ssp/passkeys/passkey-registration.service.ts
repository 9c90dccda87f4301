import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppConfig } from '../../../core/config/app-config';
import { RecoveryPasskeyEntity, SspSessionEntity, VerificationEntity } from '../../../core/database/entities';
import { hashSecret } from '../../../core/security/hash-secret';
import { AuditService } from '../../audit/audit.service';
import { ProblemException } from '../../common/problem';
import type { RegistrationResponseDto } from './dto/passkey.dto';
import { PasskeyChallenges } from './passkey-challenges';
import { PasskeyNotices } from './passkey-notices';
import { credentialIdPrefix, PasskeyRefusals } from './passkey-refusals';
import { CHALLENGE_LIFETIME_MS, ENROLMENT_WINDOW_MS, enrolmentUnavailable } from './passkey-rules';
import { relyingParty } from './relying-party';
import { SUPPORTED_ALGORITHMS, userHandle } from './webauthn-settings';

/**
 * Enrolling a recovery passkey, right after a verified pass: the pass gives a grant (a cookie
 * only the registration endpoints receive), the grant allows one passkey for the verification's
 * own user, within a few minutes. The user is always the verification's, never the request's.
 */
@Injectable()
export class PasskeyRegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly challenges: PasskeyChallenges,
    private readonly refusals: PasskeyRefusals,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly notices: PasskeyNotices,
  ) {}

  /** When the session ended in a pass: the grant for the cookie, or null when no passkey can be added. */
  async offer(session: SspSessionEntity): Promise<{ grant: string; expiresAt: Date } | null> {
    if (!relyingParty(this.config.publicUrl)) return null;
    const verification = await this.verificationOf(session);
    if (enrolmentUnavailable(verification, await this.enrolled(verification.userId))) return null;
    const grant = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ENROLMENT_WINDOW_MS);
    await this.dataSource
      .getRepository(SspSessionEntity)
      .update(session.id, { enrolmentGrantHash: hashSecret(grant), enrolmentExpiresAt: expiresAt });
    return { grant, expiresAt };
  }

  async options(session: SspSessionEntity): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const verification = await this.verificationOf(session);
    const existing = await this.dataSource.getRepository(RecoveryPasskeyEntity).findBy({ userId: verification.userId });
    const why = enrolmentUnavailable(verification, existing.length);
    const rp = relyingParty(this.config.publicUrl);
    if (why || !rp) throw new ProblemException('passkeyUnavailable', why ?? 'Passkeys cannot be used at this address.');
    const options = await generateRegistrationOptions({
      rpName: rp.name,
      rpID: rp.id,
      userID: userHandle(verification.userId),
      userName: verification.userEmail,
      userDisplayName: verification.userName,
      timeout: CHALLENGE_LIFETIME_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    await this.challenges.remember(session.id, 'registration', options.challenge);
    return options;
  }

  /** Checks the new credential against the challenge and PUBLIC_URL, then stores it and spends the grant, in one transaction. */
  async verify(session: SspSessionEntity, dto: RegistrationResponseDto, sourceIp: string | null): Promise<{ credentialIdPrefix: string }> {
    const verification = await this.verificationOf(session);
    const refuse = (kind: 'passkeyRefused' | 'passkeyChallengeInvalid', detail: string, reason: string, credentialId?: string) =>
      this.refusals.refuse({ session, ceremony: 'registration', kind, detail, reason, credentialId, sourceIp });
    const why = enrolmentUnavailable(verification, await this.enrolled(verification.userId));
    const rp = relyingParty(this.config.publicUrl);
    if (why || !rp) throw new ProblemException('passkeyUnavailable', why ?? 'Passkeys cannot be used at this address.');

    const challenge = await this.challenges.spend(session.id, 'registration');
    if (!challenge) {
      return refuse('passkeyChallengeInvalid', 'This passkey prompt has expired or was already answered. Try again.', 'no live challenge');
    }
    const checked = await verifyRegistrationResponse({
      response: dto as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    }).catch((err: unknown) => ({ verified: false as const, error: String(err instanceof Error ? err.message : err) }));
    if (!checked.verified) {
      const reason = 'error' in checked ? checked.error : 'not verified';
      return refuse('passkeyRefused', 'Your device’s answer could not be checked. Try again.', reason, dto.id);
    }
    const { credential } = checked.registrationInfo;
    const taken = await this.dataSource.getRepository(RecoveryPasskeyEntity).existsBy({ credentialId: credential.id });
    if (taken) return refuse('passkeyRefused', 'This passkey is already enrolled.', 'credential id already enrolled', credential.id);

    const passkeyId = await this.dataSource
      .transaction(async (tx) => {
        // The grant is spent in the same transaction that adds the passkey: once, however many answers race.
        const { affected } = await tx
          .createQueryBuilder()
          .update(SspSessionEntity)
          .set({ enrolmentGrantHash: null, enrolmentExpiresAt: null })
          .where('id = :id AND enrolment_expires_at > now()', { id: session.id })
          .execute();
        if (!affected)
          throw new ProblemException('passkeyEnrolmentInvalid', 'The time to add a passkey has run out, or one was added already.');
        const inserted = await tx.getRepository(RecoveryPasskeyEntity).insert({
          userId: verification.userId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports ?? [],
          enrolledAfterVerificationId: verification.id,
        });
        await this.audit.record(
          {
            actor: 'ssp-user',
            action: 'passkey.enrolled',
            targetType: 'verification',
            targetId: verification.id,
            sourceIp,
            details: { credentialId: credentialIdPrefix(credential.id), userVerified: checked.registrationInfo.userVerified },
          },
          tx,
        );
        return String(inserted.identifiers[0].id);
      })
      .catch((err: unknown) => {
        if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
          throw new ProblemException('passkeyRefused', 'This passkey is already enrolled.');
        }
        throw err;
      });
    // Every address on file hears of it: if it was not the user, they can say so.
    await this.notices.send({ passkeyId, userId: verification.userId, verificationId: verification.id, addedAt: new Date().toISOString() });
    return { credentialIdPrefix: credentialIdPrefix(credential.id) };
  }

  private verificationOf(session: SspSessionEntity): Promise<VerificationEntity> {
    return this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: session.verificationId });
  }

  private enrolled(userId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryPasskeyEntity).countBy({ userId });
  }
}
