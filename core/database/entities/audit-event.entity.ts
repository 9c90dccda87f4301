import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who did what to which verification, when (UTC) and from where. Never a secret. Append-only:
 * `hash` is an HMAC over this row and the previous row's hash (see audit-chain.ts).
 */
@Entity('audit_events')
export class AuditEventEntity {
  /** Assigned by appendAuditEvent from the table's sequence, under the chain lock, so it is part of the hash. */
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'at', type: 'timestamptz' }) at: Date;
  @Column() actor: string;
  @Column() action: string;
  @Column({ name: 'target_type' }) targetType: string;
  @Column({ name: 'target_id', type: 'text', nullable: true }) targetId: string | null;
  @Column({ name: 'source_ip', type: 'text', nullable: true }) sourceIp: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: Record<string, unknown>;
  @Column({ name: 'prev_hash', type: 'bytea', nullable: true }) prevHash: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) hash: Buffer | null;
}
