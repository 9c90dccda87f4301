import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from '../database/entities';

export interface AuditRecord {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  sourceIp?: string | null;
  details?: Record<string, unknown>;
}

/** Appends audit events: who, what, which target, when (UTC, by the database) and from where. No secrets. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(event: AuditRecord, db?: EntityManager): Promise<void> {
    const row = this.events.create({
      ...event,
      targetId: event.targetId ?? null,
      sourceIp: event.sourceIp ?? null,
      details: event.details ?? {},
    });
    await (db ? db.save(row) : this.events.save(row));
  }

  async list(limit: number, before?: string): Promise<{ items: AuditEventEntity[]; nextCursor: string | null }> {
    const query = this.events
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .take(limit + 1);
    if (before) query.where('e.id < :before', { before });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
