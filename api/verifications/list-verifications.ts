import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import { VerificationEntity } from '../../core/database/entities';
import type { ListVerificationsQuery } from './dto/list-verifications.query';
import type { VerificationPage } from './dto/verification.view.dto';
import { toVerificationView } from './verification.view';

/**
 * Newest first, keyset paging: the cursor is the last row's (createdAt, id), so pages stay
 * stable while new verifications arrive. `total` counts every row matching the filters.
 */
export async function listVerifications(dataSource: DataSource, query: ListVerificationsQuery): Promise<VerificationPage> {
  const limit = query.limit ?? 50;
  const filtered = dataSource.getRepository(VerificationEntity).createQueryBuilder('v');
  if (query.status) filtered.andWhere('v.status = :status', { status: query.status });
  if (query.outcome) filtered.andWhere('v.outcome = :outcome', { outcome: query.outcome });
  if (query.initiatedBy) filtered.andWhere('v.initiated_by = :initiatedBy', { initiatedBy: query.initiatedBy });
  if (query.user) filtered.andWhere('(v.user_id = :user OR lower(v.user_email) = lower(:user))', { user: query.user });
  if (query.from) filtered.andWhere('v.created_at >= :from', { from: new Date(query.from) });
  if (query.to) filtered.andWhere('v.created_at < :to', { to: new Date(query.to) });
  if (query.minRisk !== undefined) filtered.andWhere('v.risk_score >= :minRisk', { minRisk: query.minRisk });
  if (query.maxRisk !== undefined) filtered.andWhere('v.risk_score <= :maxRisk', { maxRisk: query.maxRisk });
  if (query.q) {
    filtered.andWhere('(v.user_email ILIKE :q OR v.user_name ILIKE :q OR v.ticket_ref ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
  }
  const total = await filtered.clone().getCount();

  const page = filtered
    .orderBy('v.created_at', 'DESC')
    .addOrderBy('v.id', 'DESC')
    .take(limit + 1);
  if (query.cursor) {
    const { createdAt, id } = decodeCursor(query.cursor);
    page.andWhere('(v.created_at, v.id) < (:createdAt, :id)', { createdAt, id });
  }
  const rows = await page.getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toVerificationView),
    nextCursor: rows.length > limit ? encodeCursor(last) : null,
    total,
  };
}

function encodeCursor(v: VerificationEntity): string {
  return Buffer.from(JSON.stringify([v.createdAt.toISOString(), v.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !isUUID(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new ProblemException('validation', 'cursor is not one this API returned; start again without it.');
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
