import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { DirectorySyncService } from './directory-sync.service';
import { DirectorySyncList, DirectorySyncStarted } from './dto/directory-sync.view.dto';

class SyncsQuery {
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** Directory sync runs: their reports (progress while running), and a sync on demand. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory/syncs')
export class DirectorySyncController {
  constructor(private readonly syncs: DirectorySyncService) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Sync reports, newest first: status, counts, errors, duration' })
  @ApiOkResponse({ type: DirectorySyncList })
  list(@Query() query: SyncsQuery): Promise<DirectorySyncList> {
    return this.syncs.reports(query.limit ?? 20);
  }

  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Start a directory sync now; its report appears in the list' })
  @ApiAcceptedResponse({ type: DirectorySyncStarted })
  start(@CurrentPrincipal() who: Principal, @ClientIp() ip: string | null): Promise<DirectorySyncStarted> {
    return this.syncs.startNow(who, ip);
  }
}
