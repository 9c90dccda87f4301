import { Injectable } from '@angular/core';
import createClient from 'openapi-fetch';
import { toApiError } from './problem';
import type { paths } from './schema';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * The console's API client, typed from the API's OpenAPI document (`npm run openapi` regenerates
 * schema.ts). The session cookie travels by itself; this adds the CSRF token to every change and
 * reports a lost session (401) to whoever listens.
 */
@Injectable({ providedIn: 'root' })
export class ConsoleApi {
  readonly client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
  private csrfToken = '';
  private sessionLost: () => void = () => undefined;

  constructor() {
    this.client.use({
      onRequest: ({ request }) => {
        if (!SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', this.csrfToken);
        return request;
      },
      onResponse: ({ request, response }) => {
        // The session probe answers 401 when signed out; anything else answering 401 means the session ended.
        if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/session')) this.sessionLost();
        return response;
      },
    });
  }

  useSession(csrfToken: string, onSessionLost: () => void): void {
    this.csrfToken = csrfToken;
    this.sessionLost = onSessionLost;
  }

  /** The body of a successful call, or an ApiError carrying the problem. */
  async data<T>(call: Promise<Answer>): Promise<T> {
    let answer: Answer;
    try {
      answer = await call;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw toApiError(0, undefined);
    }
    if (answer.error !== undefined || !answer.response.ok) throw toApiError(answer.response.status, answer.error);
    return answer.data as T;
  }
}
