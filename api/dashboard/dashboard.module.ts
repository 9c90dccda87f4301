import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { VerificationStatsService } from './verification-stats';

@Module({
  controllers: [StatsController],
  providers: [VerificationStatsService],
})
export class DashboardModule {}
