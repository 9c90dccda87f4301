import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { CHECK_DEADLINE_MS } from './readiness-deadline';
import { TemporalHealth } from './temporal.health';
import { WorkerHealth } from './worker.health';

/**
 * Live: the process answers. Ready: the database and Temporal answer, and a worker beat recently.
 * The checks run side by side, each within its own deadline; a 503 names each one down and why.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealth,
    private readonly workers: WorkerHealth,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_DEADLINE_MS }),
      () => this.temporal.server(),
      () => this.workers.live(),
    ]);
  }
}
