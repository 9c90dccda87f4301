import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest status a provider reported for one message (Twilio status callbacks, SMTP acceptance). */
@Entity('message_statuses')
export class MessageStatusEntity {
  @PrimaryColumn() provider: string;
  @PrimaryColumn({ name: 'provider_message_id' }) providerMessageId: string;
  @Column() status: string;
  /** How far along the status is: a late callback never moves a message backwards. */
  @Column({ name: 'status_rank', type: 'int' }) statusRank: number;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
