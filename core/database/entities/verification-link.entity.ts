import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A Verification Portal link. Only the SHA-256 of its token is kept. */
@Entity('verification_links')
export class VerificationLinkEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'verification_id', type: 'uuid' }) verificationId: string;
  @Column({ name: 'token_hash', type: 'bytea', unique: true }) tokenHash: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  /** The hash of the SSP's start nonce that spent the link, so that attempt's retry can resume (never the nonce itself). */
  @Column({ name: 'redeemed_by_attempt', type: 'bytea', nullable: true }) redeemedByAttempt: Buffer | null;
}
