import { Injectable, signal } from '@angular/core';
import { type components } from '../api/schema';
import { problemSlug, settle, sspApi } from '../api/ssp-client';

export type SspVouchView = components['schemas']['SspVouchView'];

/** How often the page asks whether the manager answered: quick enough to feel live, slow enough to be cheap. */
export const VOUCH_POLL_MS = 3000;

/**
 * The user's request to their manager to vouch for them: asked once, then watched until the
 * manager answers (or the session ends), while the user goes on with the questions.
 */
@Injectable({ providedIn: 'root' })
export class VouchRequest {
  readonly view = signal<SspVouchView | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Whether the user is waiting for an answer now. */
  pending(): boolean {
    return this.view()?.status === 'pending';
  }

  async load(): Promise<SspVouchView | null> {
    const { data } = await settle(() => sspApi.GET('/api/v1/ssp/session/vouch'));
    this.view.set(data ?? null);
    return data ?? null;
  }

  /** Sends the request; `unavailable` when the verification cannot take one after all. */
  async ask(): Promise<'asked' | 'unavailable' | 'session_ended' | 'error'> {
    const { data, error, response } = await settle(() => sspApi.POST('/api/v1/ssp/session/vouch'));
    if (data) {
      this.view.set(data);
      this.watch();
      return 'asked';
    }
    if (problemSlug(error) === 'vouch-unavailable') return 'unavailable';
    return response?.status === 401 ? 'session_ended' : 'error';
  }

  /** Polls until the manager answers; each answer lands in `view`. */
  watch(): void {
    clearTimeout(this.timer);
    if (!this.pending()) return;
    this.timer = setTimeout(async () => {
      const view = await this.load();
      if (view) this.watch();
    }, VOUCH_POLL_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
