import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { DirectorySyncEntity } from '../../core/database/entities';
import { directorySyncWorkflow } from '../../workflows';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import type { DirectorySyncList, DirectorySyncView } from './dto/directory-sync.view.dto';

/** Directory sync runs: their reports, and a sync on demand beside the schedule the worker keeps. */
@Injectable()
export class DirectorySyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async reports(limit: number): Promise<DirectorySyncList> {
    const rows = await this.dataSource.getRepository(DirectorySyncEntity).find({ order: { startedAt: 'DESC' }, take: limit });
    return {
      items: rows.map((r): DirectorySyncView => ({
        ...r,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      })),
    };
  }

  async startNow(principal: Principal, sourceIp: string | null): Promise<{ id: string }> {
    if (!this.config.directorySource) {
      throw new ProblemException(
        'directoryNotConfigured',
        'Set SCIM_URL and SCIM_TOKEN, or RESETGATE_DIRECTORY_FILE, to sync the directory.',
      );
    }
    const id = `directory-sync-manual-${randomUUID()}`;
    await this.temporal.workflow.start(directorySyncWorkflow, { workflowId: id, taskQueue: this.config.taskQueue }).catch(() => {
      throw new ProblemException('temporalUnavailable', 'The workflow service did not accept the sync. Try again shortly.');
    });
    await this.audit.record({
      actor: principal.id,
      action: 'directory.sync_requested',
      targetType: 'directory_sync',
      targetId: id,
      sourceIp,
    });
    return { id };
  }
}
