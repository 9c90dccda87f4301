import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The user's short-lived SSP session, bound to one verification. Only its hash is kept. */
@Entity('ssp_sessions')
export class SspSessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'verification_id', type: 'uuid' }) verificationId: string;
  @Column({ name: 'session_hash', type: 'bytea', unique: true }) sessionHash: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  /**
   * After a pass only: the hash of a second, narrower cookie that can enrol one recovery passkey
   * for this verification's user, until `enrolmentExpiresAt`. Both are cleared when it is used.
   */
  @Column({ name: 'enrolment_grant_hash', type: 'bytea', nullable: true, unique: true }) enrolmentGrantHash: Buffer | null;
  @Column({ name: 'enrolment_expires_at', type: 'timestamptz', nullable: true }) enrolmentExpiresAt: Date | null;
}
