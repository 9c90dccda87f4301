import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to which verification, when and from where. Never a secret. */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
  @Column() actor: string;
  @Column() action: string;
  @Column({ name: 'target_type' }) targetType: string;
  @Column({ name: 'target_id', type: 'text', nullable: true }) targetId: string | null;
  @Column({ name: 'source_ip', type: 'text', nullable: true }) sourceIp: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: Record<string, unknown>;
}
