import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message captured by the development outbox instead of being sent by SMS or email. */
@Entity('dev_outbox_messages')
export class DevOutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'idempotency_key', unique: true }) idempotencyKey: string;
  @Column({ name: 'verification_id', type: 'uuid', nullable: true }) verificationId: string | null;
  @Column() channel: string;
  @Column() to: string;
  @Column({ type: 'text', nullable: true }) subject: string | null;
  @Column() body: string;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
