import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { AppConfig } from '../../core/config/app-config';
import { requirePayloadKeys, resetGateDataConverter } from '../../core/temporal/data-converter';
import { VerificationWorkflows } from '../verifications/verification-workflows';
import { TemporalCalls } from './temporal-calls';

/** Calls still running at shutdown get this long; every call of the API has a shorter deadline. */
const CALLS_DRAIN_MS = 5_000;

/**
 * Closes the client's connection when the API shuts down, once no call is running (a call waiting
 * to retry would otherwise throw from its timer). A call that outlives the bound keeps the channel
 * open: the process exit ends it instead, which is harmless, where closing would not be.
 */
@Injectable()
export class TemporalConnectionCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('Temporal');
  constructor(
    @Inject(Client) private readonly client: Client,
    private readonly calls: TemporalCalls,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (await this.calls.idle(CALLS_DRAIN_MS)) await this.client.connection.close();
    else
      this.logger.warn(
        `${this.calls.inFlight} Temporal calls still running after ${CALLS_DRAIN_MS} ms: leaving the connection to the exit`,
      );
  }
}

/** The API's Temporal client and its gateway to the verification workflow: plain providers, no third-party Nest wrapper. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [AppConfig, TemporalCalls],
      useFactory: async (config: AppConfig, calls: TemporalCalls) => {
        if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
        const dataConverter = resetGateDataConverter(requirePayloadKeys(config.payloadKeys));
        const connection = await Connection.connect({
          address: config.temporalAddress,
          // The SDK's default retries, with the call counter outside them.
          interceptors: [calls.interceptor, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
        });
        return new Client({ connection, namespace: config.temporalNamespace, dataConverter });
      },
    },
    {
      provide: VerificationWorkflows,
      inject: [Client, AppConfig],
      useFactory: (client: Client, config: AppConfig) => new VerificationWorkflows(client, config.taskQueue),
    },
    TemporalCalls,
    TemporalConnectionCloser,
  ],
  exports: [Client, VerificationWorkflows],
})
export class TemporalModule {}
