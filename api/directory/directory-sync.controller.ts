import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { directorySyncWorkflow } from '../../workflows';
import { AuditService } from '../audit/audit.service';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import { DirectorySyncEntity } from '../../core/database/entities';
import { DirectorySyncList, DirectorySyncStarted, type DirectorySyncView } from './dto/directory-sync.view.dto';

class SyncsQuery {
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** Directory sync runs: their reports (progress while running), and a sync on demand. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory/syncs')
export class DirectorySyncController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Sync reports, newest first: status, counts, errors, duration' })
  @ApiOkResponse({ type: DirectorySyncList })
  async list(@Query() query: SyncsQuery): Promise<DirectorySyncList> {
    const rows = await this.dataSource.getRepository(DirectorySyncEntity).find({ order: { startedAt: 'DESC' }, take: query.limit ?? 20 });
    return {
      items: rows.map((r): DirectorySyncView => ({
        ...r,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      })),
    };
  }

  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Start a directory sync now; its report appears in the list' })
  @ApiAcceptedResponse({ type: DirectorySyncStarted })
  async start(@CurrentPrincipal() who: Principal, @ClientIp() ip: string | null): Promise<DirectorySyncStarted> {
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
      actor: who.id,
      action: 'directory.sync_requested',
      targetType: 'directory_sync',
      targetId: id,
      sourceIp: ip,
    });
    return { id };
  }
}
