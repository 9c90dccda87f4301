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

/** Runs a request; a network failure becomes an answer with an error, never an exception. */
export async function settle<T extends { error?: unknown; response?: Response }>(request: () => Promise<T>): Promise<Partial<T>> {
  try {
    return await request();
  } catch {
    return { error: { type: 'network' } } as Partial<T>;
  }
}

export const problemSlug = (problem: unknown) =>
  String((problem as Problem | undefined)?.type ?? '')
    .split('/')
    .pop() ?? '';
