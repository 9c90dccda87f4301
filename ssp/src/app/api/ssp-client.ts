import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/** The SSP's API client, typed from the API's OpenAPI document (`npm run openapi` regenerates schema.ts). */
export const sspApi = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type SessionView = components['schemas']['SessionView'];
export type SessionQuestion = components['schemas']['SessionQuestionView'];
export type ClientSignals = components['schemas']['ClientSignalsDto'];

/** RFC 9457 problem, as every API error is. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

/** How often a request the API marks retry-safe is sent again after a 503 or a dropped connection, and the longest wait between. */
export const RETRIES = 3;
const MAX_RETRY_WAIT_MS = 5_000;

/**
 * Runs a request; a network failure becomes an answer with an error, never an exception. With
 * `retry` (only for calls the API makes retry-safe: start with its key, answers, finish), a 503
 * or a lost connection is tried again after the Retry-After the server sent, so a caller on the
 * phone rides out a restart instead of meeting an error page.
 */
export async function settle<T extends { error?: unknown; response?: Response }>(
  request: () => Promise<T>,
  options: { retry?: boolean } = {},
): Promise<Partial<T>> {
  for (let attempt = 0; ; attempt++) {
    const result = await once(request);
    const retryable = result.error !== undefined && (!result.response || result.response.status === 503);
    if (!options.retry || !retryable || attempt >= RETRIES) return result;
    await new Promise((resolve) => setTimeout(resolve, retryWaitMs(result.response, attempt)));
  }
}

async function once<T>(request: () => Promise<T>): Promise<Partial<T>> {
  try {
    return await request();
  } catch {
    return { error: { type: 'network' } } as unknown as Partial<T>;
  }
}

/** The server's Retry-After (seconds), else 1 s more each time; never longer than a caller will wait. */
function retryWaitMs(response: Response | undefined, attempt: number): number {
  const seconds = Number(response?.headers?.get('retry-after'));
  const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : (attempt + 1) * 1000;
  return Math.min(wait, MAX_RETRY_WAIT_MS);
}

/** A random nonce, made before Start, that lets a retry of Start resume the session the first try opened. */
export function newAttemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export const problemSlug = (problem: unknown) =>
  String((problem as Problem | undefined)?.type ?? '')
    .split('/')
    .pop() ?? '';
