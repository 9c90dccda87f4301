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
}
