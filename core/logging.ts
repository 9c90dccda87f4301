import { LoggerModule } from 'nestjs-pino';
import { logDestination } from './logging/log-destination';
import { requestLogOptions } from './logging/request-log';

export { flushLogs } from './logging/log-destination';

/**
 * JSON logs to stdout, asynchronous and bounded (core/logging/log-destination.ts). Request lines
 * carry no headers, cookies, bodies or query strings (core/logging/request-log.ts).
 */
export const loggingModule = LoggerModule.forRootAsync({
  useFactory: () => ({ pinoHttp: [requestLogOptions(process.env.LOG_LEVEL ?? 'info'), logDestination()] }),
});
