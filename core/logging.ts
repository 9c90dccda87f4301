import { LoggerModule } from 'nestjs-pino';

/** JSON logs; credentials, cookies and bodies never reach them (link tokens live in fragments anyway). */
export const loggingModule = LoggerModule.forRoot({
  pinoHttp: {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    transport: undefined,
  },
});
