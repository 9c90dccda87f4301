import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * - `sent`: the link is in the voucher's inbox;
 * - `signed_in`: the voucher opened it and signed in as themselves (the link is spent);
 * - `confirmed` / `refused`: their answer, recorded as the `vouch` proof;
 * - `closed`: the verification ended first.
 */
export type VouchStatus = 'sent' | 'signed_in' | 'confirmed' | 'refused' | 'closed';
export type VouchHow = 'video' | 'in_person';

/**
 * A request to the user's manager to vouch for them (docs/assurance.md): a single-use link to
 * their work address; they sign in with SSO, see who asks, why and from where, and answer once.
 * Only hashes of the link token and of the voucher's short session are kept.
 */
@Entity('vouch_requests')
@Index(['verificationId'])
export class VouchRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'verification_id', type: 'uuid' }) verificationId: string;
  /** The directory id of the person asked. */
  @Column({ name: 'voucher_user_id' }) voucherUserId: string;
  @Column({ type: 'text' }) relation: 'manager';
  /** The activity that sent it: a retry finds the request instead of sending a second one. */
  @Column({ name: 'idempotency_key', unique: true }) idempotencyKey: string;
  @Column({ name: 'token_hash', type: 'bytea', unique: true }) tokenHash: Buffer;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  /** Where the user asked from, shown to the voucher. */
  @Column({ name: 'requester_ip', type: 'text', nullable: true }) requesterIp: string | null;
  @Column({ name: 'requester_device', type: 'text', nullable: true }) requesterDevice: string | null;
  @Column({ type: 'text' }) status: VouchStatus;
  @Column({ name: 'voucher_session_hash', type: 'bytea', nullable: true, unique: true }) voucherSessionHash: Buffer | null;
  @Column({ name: 'signed_in_at', type: 'timestamptz', nullable: true }) signedInAt: Date | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) how: VouchHow | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
