import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { AppConfig } from '../../core/config/app-config';

/** Readiness of the workflow side: the Temporal server answers, and a worker polls our task queue. */
@Injectable()
export class TemporalHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: Client,
    private readonly config: AppConfig,
  ) {}

  async server() {
    const check = this.indicators.check('temporal');
    try {
      await this.temporal.workflowService.getSystemInfo({});
      return check.up();
    } catch (err) {
      return check.down({ message: String((err as Error).message ?? err) });
    }
  }

  async worker() {
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
