import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseOutage } from './database-outage';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../http/json-depth';
import { PROBLEM_BASE, PROBLEMS, type ProblemKind, ProblemException } from './problem';

/** Seconds a client should wait before retrying a 503 or 429: long enough for a restart, short enough for a caller on the phone. */
export const RETRY_AFTER_SECONDS = { 503: 5, 429: 60 } as const;

/** Every error leaves as RFC 9457 application/problem+json with a stable type. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    // A handler finishing after the request deadline answered for it: nothing to say, nothing wrong.
    if (response.headersSent && (error as { code?: string }).code === 'ERR_HTTP_HEADERS_SENT') return;
    const { kind, detail, extensions } = this.classify(error);
    const problem = PROBLEMS[kind];
    if (kind === 'internal') this.logger.error(error instanceof Error ? error.stack : String(error));
    if (kind === 'databaseUnavailable') this.logger.warn(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    // A stream that failed half-way, or a request answered already by its deadline: nothing more can be said.
    if (response.headersSent) {
      if (!response.writableEnded) response.destroy(); // a truncated body must not pass for a whole one
      return;
    }
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (problem.status === 503 || problem.status === 429) {
      const retryAfter = (error instanceof ProblemException && error.retryAfter) || RETRY_AFTER_SECONDS[problem.status];
      response.setHeader('Retry-After', String(retryAfter));
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          ...extensions, // first, so no extension can overwrite a standard member
          type: PROBLEM_BASE + problem.slug,
          title: problem.title,
          status: problem.status,
          detail,
          instance: request.originalUrl?.split('?')[0],
        }),
      );
  }

  private classify(error: unknown): { kind: ProblemKind; detail: string; extensions?: Record<string, unknown> } {
    if (error instanceof ProblemException) return { kind: error.kind, detail: error.detail, extensions: error.extensions };
    if (isDatabaseOutage(error)) return { kind: 'databaseUnavailable', detail: 'The database is briefly unavailable. Try again shortly.' };
    // Nest wraps body-parser's errors in an HttpException; the parser's own type is on the cause.
    const bodyParserType = (error as { type?: string }).type ?? (error as { cause?: { type?: string } }).cause?.type;
    if (bodyParserType === 'entity.parse.failed')
      return {
        kind: 'malformedJson',
        detail: 'Fix the JSON syntax of the request body; its text must be valid Unicode (no unpaired surrogates) without NUL characters.',
      };
    if (bodyParserType === TOO_DEEP) {
      return { kind: 'validation', detail: `Request bodies may nest objects and arrays at most ${MAX_JSON_DEPTH} levels deep.` };
    }
    if (bodyParserType === 'entity.too.large') {
      const limit = (error as { limit?: number }).limit ?? (error as { cause?: { limit?: number } }).cause?.limit ?? 65_536;
      return { kind: 'payloadTooLarge', detail: `Request bodies are limited to ${Math.round(limit / 1024)} kB.` };
    }
    if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
      return { kind: 'unsupportedMediaType', detail: 'Send UTF-8 application/json.' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse() as { message?: string | string[] };
      if (status === 400 && Array.isArray(body.message)) {
        return { kind: 'validation', detail: body.message.join('; '), extensions: { errors: body.message } };
      }
      if (status === 404) return { kind: 'notFound', detail: 'No such resource. Check the URL.' };
      if (status === 401) return { kind: 'unauthorized', detail: 'Send Authorization: Bearer <api key>.' };
      if (status === 403) return { kind: 'forbidden', detail: error.message };
      if (status === 413) return { kind: 'payloadTooLarge', detail: 'Request bodies are limited to 64 kB.' };
      if (status === 415) return { kind: 'unsupportedMediaType', detail: error.message };
      if (status === 429) return { kind: 'rateLimited', detail: error.message };
      if (status === 503) return { kind: 'notReady', detail: 'A dependency is down; see checks.', extensions: { checks: body } };
      if (status < 500) return { kind: 'validation', detail: typeof body.message === 'string' ? body.message : error.message };
    }
    return { kind: 'internal', detail: 'The error was logged. Try again, and report it if it persists.' };
  }
}
