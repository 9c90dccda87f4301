import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A caller's Idempotency-Key and the verification it created; the request hash tells a replay from a reuse. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn() principal: string;
  @PrimaryColumn() key: string;
  @Column({ name: 'request_hash', type: 'bytea' }) requestHash: Buffer;
  @Column({ name: 'verification_id', type: 'uuid' }) verificationId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
