import { computed, inject, Injectable, signal } from '@angular/core';
import { ConsoleApi } from '../api/console-api';
import { ApiError, describeError } from '../api/problem';
import type { ConsoleSession, Role } from '../api/views';

/** Why the sign-in screen is showing. */
export type SignedOutReason = 'not_signed_in' | 'session_ended' | 'signed_out' | 'no_role' | 'access_denied' | 'sign_in_failed';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed_in'; session: ConsoleSession }
  | { kind: 'signed_out'; reason: SignedOutReason }
  | { kind: 'unavailable'; detail: string };

/**
 * Who is signed in. The console never holds a token: the API keeps the session behind an httpOnly
 * cookie and tells us the user, their roles and the CSRF token to send back on changes.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(ConsoleApi);
  readonly state = signal<SessionState>({ kind: 'loading' });
  readonly user = computed(() => {
    const state = this.state();
    return state.kind === 'signed_in' ? state.session.user : null;
  });
  /** The principal id the API records for this person ("user:agent@example.com"), as in approvals and audit. */
  readonly principalId = computed(() => (this.user() ? `user:${this.user()!.email}` : ''));
  private loaded?: Promise<void>;

  /** Loads the session once; route guards await it. */
  ready(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  hasAnyRole(roles: readonly Role[]): boolean {
    return this.user()?.roles.some((role) => roles.includes(role)) ?? false;
  }

  /** The IdP sign-in, coming back to the page the person was on. */
  signInUrl(): string {
    const params = new URLSearchParams(location.search);
    params.delete('signInError');
    const query = params.toString();
    const returnTo = location.pathname.startsWith('/console/') ? `${location.pathname}${query ? `?${query}` : ''}` : '/console/';
    return `/api/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  }

  /** Asks the API whether the session still holds (a refused live stream may mean it ended); shows the sign-in screen if not. */
  async confirm(): Promise<void> {
    if (this.state().kind !== 'signed_in') return;
    const ended = await this.api
      .data<ConsoleSession>(this.api.client.GET('/api/v1/auth/session'))
      .then(() => false)
      .catch((err: unknown) => err instanceof ApiError && err.status === 401);
    if (ended) this.state.set({ kind: 'signed_out', reason: 'session_ended' });
  }

  async signOut(): Promise<void> {
    const answer = await this.api.data<{ logoutUrl: string | null }>(this.api.client.POST('/api/v1/auth/logout')).catch(() => null);
    this.state.set({ kind: 'signed_out', reason: 'signed_out' });
    if (answer?.logoutUrl) location.assign(answer.logoutUrl);
  }

  private async load(): Promise<void> {
    const signInError = new URLSearchParams(location.search).get('signInError');
    if (signInError) {
      // Shown once: a reload or a bookmark should not keep showing the refusal.
      const url = new URL(location.href);
      url.searchParams.delete('signInError');
      history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    }
    try {
      const session = await this.api.data<ConsoleSession>(this.api.client.GET('/api/v1/auth/session'));
      this.api.useSession(session.csrfToken, () => this.state.set({ kind: 'signed_out', reason: 'session_ended' }));
      this.state.set({ kind: 'signed_in', session });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.state.set({ kind: 'signed_out', reason: signInErrorReason(signInError) });
      } else {
        this.state.set({ kind: 'unavailable', detail: describeError(err) });
      }
    }
  }
}

function signInErrorReason(code: string | null): SignedOutReason {
  if (!code) return 'not_signed_in';
  if (code === 'no_role' || code === 'access_denied') return code;
  return 'sign_in_failed';
}
