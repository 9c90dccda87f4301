import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A recovery passkey: a WebAuthn credential the user enrolled in the SSP right after a verified
 * pass, asserted in a later verification as the `recovery_passkey` proof (docs/assurance.md).
 * Only the public key is kept; the private key never leaves the user's authenticator.
 */
@Entity('recovery_passkeys')
@Index(['userId'])
export class RecoveryPasskeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The directory user's id. */
  @Column({ name: 'user_id' }) userId: string;
  /** base64url, as the browser reports it. */
  @Column({ name: 'credential_id', unique: true }) credentialId: string;
  /** The COSE public key, as the authenticator gave it. */
  @Column({ name: 'public_key', type: 'bytea' }) publicKey: Buffer;
  /** The authenticator's signature counter: a clone shows itself when it goes backwards. */
  @Column({ type: 'bigint', transformer: { to: (n: number) => n, from: (s: string) => Number(s) } }) counter: number;
  @Column({ type: 'text', array: true }) transports: string[];
  /** The verification whose pass allowed the enrolment: an auditor can trace every passkey to one. */
  @Column({ name: 'enrolled_after_verification_id', type: 'uuid' }) enrolledAfterVerificationId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
}

export type PasskeyCeremony = 'registration' | 'authentication';

/**
 * The WebAuthn challenge an SSP session is answering now: one per session, replaced by each new
 * prompt, deleted by the answer that spends it (so it is single use), and short-lived.
 */
@Entity('passkey_challenges')
export class PasskeyChallengeEntity {
  @Column({ name: 'ssp_session_id', type: 'uuid', primary: true }) sspSessionId: string;
  @Column({ type: 'text' }) ceremony: PasskeyCeremony;
  /** base64url, as sent in the options. A nonce, not a secret: useless without the authenticator. */
  @Column() challenge: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
