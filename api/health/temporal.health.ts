import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { CHECK_DEADLINE_MS } from './readiness-deadline';

/** Readiness of the Temporal server: it answers a cheap call within the deadline. */
@Injectable()
export class TemporalHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: Client,
  ) {}

  server() {
    return this.indicators
      .check('temporal')
      .attempt(async ({ signal }) => {
        const { connection } = this.temporal;
        // The gRPC deadline ends the call on the server's side too; the signal ends it when the check times out.
        await connection.withAbortSignal(signal, () =>
          connection.withDeadline(Date.now() + CHECK_DEADLINE_MS, () => this.temporal.workflowService.getSystemInfo({})),
        );
      })
      .withTimeout(CHECK_DEADLINE_MS);
  }
}
