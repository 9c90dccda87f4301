import type { DataSource } from 'typeorm';
import type { AuditRow } from '../../core/audit/audit-chain';
import { AuditEventEntity } from '../../core/database/entities';
import type { ExportRange } from './export-query.dto';
import { keysetRows } from './keyset-rows';
import type { ExportShape } from './stream-export';

/** An audit row as exported: what was appended (AuditRow), with its id, time and chain links. */
export interface AuditEventRecord extends AuditRow {
  id: string;
  at: string;
  /** The chain links, so an export can be checked for gaps without the database. */
  prevHash: string | null;
  hash: string | null;
}

type Key = { at: string; id: string };

/**
 * Audit events recorded in the range, in time order, which is chain order: an event's id and time
 * are both taken under the chain's lock.
 */
export function auditEventRows(dataSource: DataSource, range: ExportRange): AsyncGenerator<AuditEventRecord> {
  return keysetRows<AuditEventRecord, Key>(async (after, limit) => {
    const query = dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .addSelect('e.at::text', 'key_at')
      .where('e.at >= :from AND e.at < :to', { from: range.from, to: range.to })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit);
    if (after) query.andWhere('(e.at, e.id) > (CAST(:at AS timestamptz), CAST(:id AS bigint))', after);
    const { entities, raw } = await query.getRawAndEntities<{ key_at: string }>();
    const last = entities.length ? { at: raw[raw.length - 1].key_at, id: entities[entities.length - 1].id } : undefined;
    return { rows: entities.map(toRecord), lastKey: last };
  });
}

function toRecord(e: AuditEventEntity): AuditEventRecord {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    sourceIp: e.sourceIp,
    details: e.details,
    prevHash: e.prevHash?.toString('hex') ?? null,
    hash: e.hash?.toString('hex') ?? null,
  };
}

export const auditEventShape: ExportShape<AuditEventRecord> = {
  name: 'audit-events',
  columns: ['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'source_ip', 'details', 'prev_hash', 'hash'],
  csv: (e) => [e.id, e.at, e.actor, e.action, e.targetType, e.targetId, e.sourceIp, e.details, e.prevHash, e.hash],
  json: (e) => e,
};
