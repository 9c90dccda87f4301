import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ExportQuery } from './export-query.dto';
import { ExportsService } from './exports.service';

const STREAMED = 'Streamed as it is read. CSV with a header row, or JSON: one array, one record per line. Audited.';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('api/v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('verifications')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Verifications created in [from, to), as CSV or JSON', description: STREAMED })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'A file download (Content-Disposition: attachment)' })
  verifications(@Query() query: ExportQuery, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null, @Res() res: Response) {
    return this.exports.verifications(query, who, ip, res);
  }

  @Get('audit-events')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Audit events recorded in [from, to), in chain order, as CSV or JSON', description: STREAMED })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'A file download (Content-Disposition: attachment)' })
  auditEvents(@Query() query: ExportQuery, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null, @Res() res: Response) {
    return this.exports.auditEvents(query, who, ip, res);
  }
}
