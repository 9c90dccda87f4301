import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PolicySettings } from '../../policy/policy-settings';

/** One version of the policies and limits, as an admin saved it (append-only). */
@Entity('policy_versions')
export class PolicyVersionEntity {
  @PrimaryColumn('integer') number: number;
  @Column({ type: 'jsonb' }) settings: PolicySettings;
  @Column({ name: 'changed_by' }) changedBy: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
  @Column() note: string;
}
