import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { TemporalHealth } from './temporal.health';
import { WorkerHealth } from './worker.health';

@Module({
  imports: [TerminusModule],
  providers: [TemporalHealth, WorkerHealth],
  controllers: [HealthController, MetricsController],
})
export class HealthModule {}
