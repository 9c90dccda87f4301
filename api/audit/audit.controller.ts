import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { AuditService } from './audit.service';
import { AuditEventPage, ChainVerdictView } from './dto/audit-event.view.dto';

class ListAuditQuery {
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** An event id: digits that fit PostgreSQL's bigint (19 digits at most), not just any number. */
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be an event id this API returned' })
  cursor?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOkResponse({ type: AuditEventPage, description: 'Newest first' })
  async list(@Query() query: ListAuditQuery): Promise<AuditEventPage> {
    const { items, nextCursor } = await this.audit.list(query.limit ?? 100, query.cursor);
    return {
      items: items.map(({ prevHash: _prev, hash, ...e }) => ({ ...e, at: e.at.toISOString(), hash: hash?.toString('hex') ?? null })),
      nextCursor,
    };
  }

  @Get('verify')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Check the audit hash chain; reports the first broken link, if any' })
  @ApiOkResponse({ type: ChainVerdictView })
  verify(): Promise<ChainVerdictView> {
    return this.audit.verify();
  }
}
