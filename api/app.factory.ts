import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { codecCors } from './codec/codec-cors';
import { CODEC_BODY_LIMIT, CODEC_PATH } from './codec/codec-path';
import { ProblemFilter } from './common/problem.filter';
import { AppConfig } from '../core/config/app-config';
import { createDevIdp, DEV_IDP_PATH } from './dev-idp/dev-idp';
import { createDevIdv, DEV_IDV_PATH } from './dev-idv/dev-idv';
import { devIdpAccounts } from './dev-idp/directory-accounts';
import { FORM_BODY_PATHS, requireJsonBodies, securityHeaders } from './http/security-headers';
import { serveStaticApps } from './http/static-apps';
import { refuseUnstorableQuery, refuseUnstorableText } from './http/unicode-text';
import { refuseDeepJson } from './http/json-depth';
import { requestDeadline } from './http/request-deadline';
import { answerClientErrors } from './http/client-errors';

/** Every API call answers within this, whatever its dependencies do (issue 12: within 5 s). */
const REQUEST_DEADLINE_MS = 4_500;
import { nullableTo31 } from './openapi/nullable-31';

/** Builds the HTTP application: one place for body limits, validation, errors, docs and static apps. */
export async function createApp(options: { ownSignals: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  answerClientErrors(app.getHttpServer());
  app.disable('x-powered-by');
  const config = app.get(AppConfig);
  app.set('trust proxy', config.trustProxy);
  app.use(compression(), securityHeaders, requestDeadline(REQUEST_DEADLINE_MS));
  // The codec endpoint answers the Temporal UI's preflight and takes history-sized bodies (the first JSON parser to run wins).
  app.use(CODEC_PATH, codecCors(config.codecCorsOrigins), express.json({ limit: CODEC_BODY_LIMIT, strict: true }));
  // Before the JSON-only middleware: the IdP speaks forms, as OAuth does.
  if (config.sso.devIdp) app.use(DEV_IDP_PATH, createDevIdp(config, devIdpAccounts(app.get(DataSource))));
  // Beside it, a development identity-verification provider for the identity_document proof (IDV_ISSUER may point at it).
  if (config.sso.devIdp) app.use(DEV_IDV_PATH, createDevIdv(config, app.get(DataSource)));
  app.use(requireJsonBodies, express.json({ limit: '64kb', strict: true, reviver: refuseUnstorableText, verify: refuseDeepJson }));
  app.use(refuseUnstorableQuery);
  app.use(FORM_BODY_PATHS, express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 }));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  // Standalone, Nest closes on SIGTERM; under `npm start` the launcher owns the signals and the order of shutdown.
  if (options.ownSignals) app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveStaticApps(app.getHttpAdapter().getInstance());
  return app;
}

/** The OpenAPI 3.1 document: served at /api/docs and exported for the SSP's generated client. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ResetGate API')
      .setDescription(
        'Identity verification before helpdesk resets. Errors are RFC 9457 application/problem+json.\n\n' +
          'Retries: a dependency outage answers 503 with Retry-After (seconds) within 5 s. Every call that changes ' +
          'something may be sent again unchanged after a 503, a timeout or a lost answer, and returns the first ' +
          'call’s result: creating a verification with the same Idempotency-Key, Start with the same Idempotency-Key ' +
          'nonce, the same answer, finish, and the same caller’s approval or cancel.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
      .build(),
  );
  document.openapi = '3.1.0';
  nullableTo31(document);
  return document;
}
