import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { AuditEventEntity } from '../../core/database/entities';
import { auditKeyBytes } from '../../core/audit/audit-key';
import { appendAuditEvent, type ChainVerdict, verifyAuditChain } from '../../core/audit/audit-chain';

export interface AuditRecord {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  sourceIp?: string | null;
  details?: Record<string, unknown>;
}

/** Appends audit events to the hash chain: who, what, which target, when (UTC) and from where. No secrets. */
@Injectable()
export class AuditService {
  private readonly key: Buffer | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.key = config.auditKey ? auditKeyBytes(config.auditKey) : null;
  }

  /** Inside the caller's transaction when given one, so the event exists exactly when the change does. */
  async record(event: AuditRecord, db?: EntityManager): Promise<void> {
    const row = { ...event, targetId: event.targetId ?? null, sourceIp: event.sourceIp ?? null, details: event.details ?? {} };
    if (db) await appendAuditEvent(db, this.requireKey(), row);
    else await this.dataSource.transaction((tx) => appendAuditEvent(tx, this.requireKey(), row));
  }

  verify(): Promise<ChainVerdict> {
    return verifyAuditChain(this.dataSource.manager, this.requireKey());
  }

  async list(limit: number, before?: string): Promise<{ items: AuditEventEntity[]; nextCursor: string | null }> {
    const query = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .take(limit + 1);
    if (before) query.where('e.id < :before', { before });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('RESETGATE_AUDIT_KEY is not set: the audit log cannot be written or verified without it');
    return this.key;
  }
}
