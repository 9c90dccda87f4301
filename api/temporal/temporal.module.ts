import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../../core/config/app-config';
import { requirePayloadKeys, resetGateDataConverter } from '../../core/temporal/data-converter';
import { VerificationWorkflows } from '../verifications/verification-workflows';

/** Closes the client's connection when the API shuts down. */
@Injectable()
export class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** The API's Temporal client and its gateway to the verification workflow: plain providers, no third-party Nest wrapper. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is not set');
        const dataConverter = resetGateDataConverter(requirePayloadKeys(config.payloadKeys));
        const connection = await Connection.connect({ address: config.temporalAddress });
        return new Client({ connection, namespace: config.temporalNamespace, dataConverter });
      },
    },
    {
      provide: VerificationWorkflows,
      inject: [Client, AppConfig],
      useFactory: (client: Client, config: AppConfig) => new VerificationWorkflows(client, config.taskQueue),
    },
    TemporalConnectionCloser,
  ],
  exports: [Client, VerificationWorkflows],
})
export class TemporalModule {}
