import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../database/entities';

/**
 * The audit hash chain. Each row's hash is HMAC-SHA256(key, previous hash ‖ the row's canonical
 * form). Appends are serialised by a transaction-scoped advisory lock, so ids follow chain order.
 * Without the key, nobody (a database superuser included) can rewrite a row and re-chain the rest.
 */
export interface AuditRow {
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  sourceIp: string | null;
  details: Record<string, unknown>;
}

const CHAIN_LOCK = 0x72_65_73_65; // "rese": one lock for the whole log

export async function appendAuditEvent(db: EntityManager, key: Buffer, row: AuditRow): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const [last] = await db.getRepository(AuditEventEntity).find({ order: { id: 'DESC' }, take: 1, select: { id: true, hash: true } });
  const [{ id }] = (await db.query(`SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))::text AS id`)) as { id: string }[];
  const prevHash = last?.hash ?? null;
  // Millisecond precision, so the timestamp read back is the one that was hashed.
  const at = new Date();
  const event = db.create(AuditEventEntity, { ...row, id, at, prevHash, hash: chainHash(key, prevHash, { id, at, ...row }) });
  await db.save(event);
}

export function chainHash(key: Buffer, prevHash: Buffer | null, row: AuditRow & { id: string; at: Date }): Buffer {
  const canonical = JSON.stringify([
    row.id,
    row.at.toISOString(),
    row.actor,
    row.action,
    row.targetType,
    row.targetId,
    row.sourceIp,
    sortKeys(row.details),
  ]);
  return createHmac('sha256', key)
    .update(prevHash ?? Buffer.alloc(0))
    .update(canonical)
    .digest();
}

export interface ChainVerdict {
  intact: boolean;
  checked: number;
  firstBroken: { id: string; reason: string } | null;
}

/** Walks the log in id order, in pages, and reports the first row whose link does not hold. */
export async function verifyAuditChain(db: EntityManager, key: Buffer, pageSize = 1000): Promise<ChainVerdict> {
  let prevHash: Buffer | null = null;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.id > :afterId', { afterId })
      .orderBy('e.id', 'ASC')
      .take(pageSize)
      .getMany();
    for (const row of rows) {
      const reason = brokenLink(key, prevHash, row);
      if (reason) return { intact: false, checked, firstBroken: { id: row.id, reason } };
      prevHash = row.hash;
      checked++;
    }
    if (rows.length < pageSize) return { intact: true, checked, firstBroken: null };
    afterId = rows[rows.length - 1].id;
  }
}

function brokenLink(key: Buffer, prevHash: Buffer | null, row: AuditEventEntity): string | null {
  if (!row.hash) return 'the row was never sealed';
  if (!sameBytes(row.prevHash, prevHash)) return 'it does not point at the previous row (a row was removed or inserted)';
  const expected = chainHash(key, prevHash, { ...row, targetId: row.targetId, sourceIp: row.sourceIp });
  return expected.equals(row.hash) ? null : 'its content does not match its hash (the row was altered)';
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/** jsonb stores keys sorted its own way; sorting here makes the canonical form independent of it. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
