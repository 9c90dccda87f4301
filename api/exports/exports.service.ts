import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { auditEventRows, auditEventShape } from './audit-event-export';
import { exportRange, type ExportQuery, type ExportRange } from './export-query.dto';
import { streamExport } from './stream-export';
import { verificationRows, verificationShape } from './verification-export';

/** Streamed exports for auditors. The export is audited before the first row leaves, so an aborted one is recorded too. */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async verifications(query: ExportQuery, who: Principal, sourceIp: string | null, res: Response): Promise<void> {
    const range = await this.begin('verifications.exported', query, who, sourceIp);
    await streamExport(res, range, verificationShape, verificationRows(this.dataSource, range));
  }

  async auditEvents(query: ExportQuery, who: Principal, sourceIp: string | null, res: Response): Promise<void> {
    const range = await this.begin('audit_events.exported', query, who, sourceIp);
    await streamExport(res, range, auditEventShape, auditEventRows(this.dataSource, range));
  }

  private async begin(action: string, query: ExportQuery, who: Principal, sourceIp: string | null): Promise<ExportRange> {
    const range = exportRange(query);
    await this.audit.record({
      actor: who.id,
      action,
      targetType: 'export',
      sourceIp,
      details: { from: range.from.toISOString(), to: range.to.toISOString(), format: range.format },
    });
    return range;
  }
}
