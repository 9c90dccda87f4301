import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'admin' | 'agent' | 'auditor';

/** An integrator's API key. Only the SHA-256 of the key is kept; the prefix identifies it in lists. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() prefix: string;
  @Column({ name: 'key_hash', type: 'bytea', unique: true }) keyHash: Buffer;
  @Column({ type: 'text', array: true }) roles: Role[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
