import type { DataSource } from 'typeorm';
import { VerificationEntity } from '../../core/database/entities';
import { toVerificationView, type VerificationView } from '../verifications/verification.view';
import type { ExportRange } from './export-query.dto';
import { keysetRows } from './keyset-rows';
import type { ExportShape } from './stream-export';

/** Key of the last row: created_at as PostgreSQL's own text, since a JS Date would drop its microseconds. */
type Key = { createdAt: string; id: string };

/** Verifications created in the range, oldest first, as the API shows them (never the destination itself). */
export function verificationRows(dataSource: DataSource, range: ExportRange): AsyncGenerator<VerificationView> {
  return keysetRows<VerificationView, Key>(async (after, limit) => {
    const query = dataSource
      .getRepository(VerificationEntity)
      .createQueryBuilder('v')
      .addSelect('v.created_at::text', 'key_created_at')
      .where('v.created_at >= :from AND v.created_at < :to', { from: range.from, to: range.to })
      .orderBy('v.created_at', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .limit(limit);
    if (after) query.andWhere('(v.created_at, v.id) > (CAST(:createdAt AS timestamptz), :id)', after);
    const { entities, raw } = await query.getRawAndEntities<{ key_created_at: string }>();
    const last = entities.length ? { createdAt: raw[raw.length - 1].key_created_at, id: entities[entities.length - 1].id } : undefined;
    return { rows: entities.map(toVerificationView), lastKey: last };
  });
}

const COLUMNS = [
  'id',
  'created_at',
  'status',
  'outcome',
  'outcome_reason',
  'cancel_reason',
  'user_id',
  'user_email',
  'user_name',
  'channel',
  'destination_masked',
  'reason',
  'ticket_ref',
  'initiated_by',
  'policy_version',
  'link_expires_at',
  'completed_at',
  'risk_score',
  'risk_factors',
  'reset_action',
  'approved_by',
  'approved_at',
  'superseded_by',
] as const;

export const verificationShape: ExportShape<VerificationView> = {
  name: 'verifications',
  columns: COLUMNS,
  csv: (v) => [
    v.id,
    v.createdAt,
    v.status,
    v.outcome,
    v.outcomeReason,
    v.cancelReason,
    v.user.id,
    v.user.email,
    v.user.name,
    v.channel,
    v.destinationMasked,
    v.reason,
    v.ticketRef,
    v.initiatedBy,
    v.policyVersion,
    v.linkExpiresAt,
    v.completedAt,
    v.riskScore,
    Object.values(v.summary)
      .flatMap((c) => c.factors)
      .join('; '),
    v.resetAction?.action,
    v.resetAction?.approvedBy,
    v.resetAction?.approvedAt,
    v.supersededBy,
  ],
  json: (v) => v,
};
