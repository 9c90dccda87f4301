import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { Public } from '../auth/roles.decorator';
import { AppConfig } from '../../core/config/app-config';

/** Live: the process answers. Ready: the database, Temporal and at least one worker are reachable. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: Client,
    private readonly config: AppConfig,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.temporalCheck(),
      () => this.workerCheck(),
    ]);
  }

  private async temporalCheck() {
    const check = this.indicators.check('temporal');
    try {
      await this.temporal.workflowService.getSystemInfo({});
      return check.up();
    } catch (err) {
      return check.down({ message: String((err as Error).message ?? err) });
    }
  }

  private async workerCheck() {
    const check = this.indicators.check('worker');
    try {
      const queue = await this.temporal.workflowService.describeTaskQueue({
        namespace: this.config.temporalNamespace,
        taskQueue: { name: this.config.taskQueue },
        taskQueueType: 1, // workflow task queue
      });
      const pollers = queue.pollers?.length ?? 0;
      return pollers > 0 ? check.up({ pollers }) : check.down({ message: `no worker polls ${this.config.taskQueue}` });
    } catch (err) {
      return check.down({ message: String((err as Error).message ?? err) });
    }
  }
}
