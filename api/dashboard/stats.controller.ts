import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { VerificationStatsView } from './dto/verification-stats.dto';
import { StatsQuery } from './stats.query';
import { VerificationStatsService } from './verification-stats';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly statistics: VerificationStatsService) {}

  @Get()
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'Dashboard figures for a date range: totals, outcome rates, median time, per day, risk distribution' })
  @ApiOkResponse({ type: VerificationStatsView })
  stats(@Query() query: StatsQuery): Promise<VerificationStatsView> {
    return this.statistics.forRange(query);
  }
}
