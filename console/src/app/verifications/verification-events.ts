import { inject, Injectable, signal } from '@angular/core';
import { Session } from '../auth/session';
import type { VerificationView } from '../api/views';

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveListener {
  /** A verification changed or was created: the same JSON as GET /verifications/{id}. */
  update(view: VerificationView): void;
  /** The stream came back after a gap: events may have been missed, so reload what is shown. */
  resync?(): void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** Going from the list to a verification swaps listeners: the stream stays open across it, so no change falls in a gap. */
const LINGER_MS = 15_000;

/**
 * One Server-Sent Events stream of verification changes for the whole console, open while any
 * page listens (and a little after). The browser reconnects a dropped stream by itself; when the
 * server refuses it (signed out, restarting), we retry with growing pauses so a hundred consoles
 * do not hammer it. A listener that joined before the stream was live, or that lived through a
 * gap, is told to reload once it is: changes in between were never sent to it.
 */
@Injectable({ providedIn: 'root' })
export class VerificationEvents {
  readonly state = signal<LiveState>('connecting');
  private readonly session = inject(Session);
  private readonly listeners = new Set<LiveListener>();
  private source: EventSource | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Listeners that may have missed changes: they joined, or the stream dropped, while it was not live. */
  private readonly unsynced = new Set<LiveListener>();

  listen(listener: LiveListener): () => void {
    clearTimeout(this.lingerTimer);
    this.listeners.add(listener);
    if (this.state() !== 'live') this.unsynced.add(listener);
    if (!this.source && this.retryTimer === undefined) this.open();
    return () => {
      this.listeners.delete(listener);
      this.unsynced.delete(listener);
      if (this.listeners.size === 0) this.lingerTimer = setTimeout(() => this.close(), LINGER_MS);
    };
  }

  private open(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.state.set('connecting');
    const source = new EventSource('/api/v1/verifications/events');
    this.source = source;
    source.onopen = () => {
      this.state.set('live');
      this.retryMs = FIRST_RETRY_MS;
      const missed = [...this.unsynced];
      this.unsynced.clear();
      for (const listener of missed) listener.resync?.();
    };
    source.addEventListener('verification', (event) => {
      let view: VerificationView;
      try {
        view = JSON.parse((event as MessageEvent<string>).data) as VerificationView;
      } catch {
        return; // a malformed message changes nothing on screen
      }
      for (const listener of this.listeners) listener.update(view);
    });
    source.onerror = () => {
      for (const listener of this.listeners) this.unsynced.add(listener);
      if (source.readyState === EventSource.CONNECTING) return this.state.set('connecting');
      // Closed for good by the browser (an HTTP error): our own, polite, retry; and if it was
      // because the session ended, the console says so instead of retrying in the background.
      this.state.set('offline');
      void this.session.confirm();
      source.close();
      this.source = null;
      this.retryTimer = setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
  }

  private close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = null;
    this.state.set('connecting');
  }
}
