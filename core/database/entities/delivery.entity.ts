import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One message sent for a verification. The idempotency key makes a retried activity a no-op. */
@Entity('deliveries')
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'verification_id', type: 'uuid' }) verificationId: string;
  @Column({ name: 'idempotency_key', unique: true }) idempotencyKey: string;
  @Column() purpose: string;
  @Column() channel: string;
  @Column({ name: 'destination_masked' }) destinationMasked: string;
  @Column() provider: string;
  @Column({ name: 'provider_message_id', type: 'text', nullable: true }) providerMessageId: string | null;
  @Column({ name: 'link_id', type: 'uuid', nullable: true }) linkId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
