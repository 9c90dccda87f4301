import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ProblemFilter } from './common/problem.filter';
import { requireJsonBodies, securityHeaders } from './http/security-headers';
import { serveStaticApps } from './http/static-apps';

/** Builds the HTTP application: one place for body limits, validation, errors, docs and static apps. */
export async function createApp(options: { ownSignals: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  app.use(securityHeaders, requireJsonBodies, express.json({ limit: '64kb', strict: true }));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  // Standalone, Nest closes on SIGTERM; under `npm start` the launcher owns the signals and the order of shutdown.
  if (options.ownSignals) app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ResetGate API')
      .setDescription('Identity verification before helpdesk resets. Errors are RFC 9457 application/problem+json.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
      .build(),
  );
  document.openapi = '3.1.0';
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveStaticApps(app.getHttpAdapter().getInstance());
  return app;
}
