import { Injector, runInInjectionContext } from '@angular/core';
import type { VerificationView } from '../api/views';
import { Session } from '../auth/session';
import { verification } from '../../testing/verification-view';
import { type LiveListener, VerificationEvents } from './verification-events';

/** The browser's EventSource, driven by the spec: open, message, error as the server and network would. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((event: { data: string }) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The stream is up. */
  connect(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }

  send(data: string): void {
    for (const listener of this.listeners.get('verification') ?? []) listener({ data });
  }

  /** A dropped connection the browser retries by itself. */
  drop(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.();
  }

  /** Refused (an HTTP error): the browser gives up on it. */
  refuse(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
}

const latest = () => FakeEventSource.opened.at(-1)!;

/** A listener that records what it is told. */
function listener() {
  const seen: VerificationView[] = [];
  let resyncs = 0;
  const it: LiveListener & { seen: VerificationView[]; resyncs: () => number } = {
    seen,
    resyncs: () => resyncs,
    update: (view) => seen.push(view),
    resync: () => resyncs++,
  };
  return it;
}

const view = verification({ id: 'v-1', createdAt: '2026-07-01T10:00:00Z', status: 'passed' });

let confirmSession: jest.Mock;
let events: VerificationEvents;

beforeEach(() => {
  jest.useFakeTimers();
  FakeEventSource.opened = [];
  (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
  confirmSession = jest.fn().mockResolvedValue(undefined);
  const injector = Injector.create({ providers: [{ provide: Session, useValue: { confirm: confirmSession } }] });
  events = runInInjectionContext(injector, () => new VerificationEvents());
});

afterEach(() => {
  jest.useRealTimers();
  delete (globalThis as { EventSource?: unknown }).EventSource;
});

describe('VerificationEvents: one stream for the whole console', () => {
  it('opens the stream for the first listener, and no second one for the next', () => {
    events.listen(listener());
    events.listen(listener());
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual(['/api/v1/verifications/events']);
    expect(events.state()).toBe('connecting');
    latest().connect();
    expect(events.state()).toBe('live');
  });

  it('tells every listener about each change, as the JSON of the verification', () => {
    const [a, b] = [listener(), listener()];
    events.listen(a);
    events.listen(b);
    latest().connect();
    latest().send(JSON.stringify(view));
    expect(a.seen).toEqual([view]);
    expect(b.seen).toEqual([view]);
  });

  it('ignores a malformed message', () => {
    const a = listener();
    events.listen(a);
    latest().connect();
    expect(() => latest().send('{not json')).not.toThrow();
    expect(a.seen).toEqual([]);
  });

  it('stops telling a listener that left', () => {
    const [a, b] = [listener(), listener()];
    const stopA = events.listen(a);
    events.listen(b);
    latest().connect();
    stopA();
    latest().send(JSON.stringify(view));
    expect(a.seen).toEqual([]);
    expect(b.seen).toEqual([view]);
  });
});

describe('VerificationEvents: changes a listener may have missed', () => {
  it('a listener that joined before the stream was live reloads once it is', () => {
    const a = listener();
    events.listen(a);
    expect(a.resyncs()).toBe(0);
    latest().connect();
    expect(a.resyncs()).toBe(1);
  });

  it('a listener that joins a live stream misses nothing: no reload', () => {
    events.listen(listener());
    latest().connect();
    const late = listener();
    events.listen(late);
    expect(late.resyncs()).toBe(0);
  });

  it('after a dropped connection comes back, every listener reloads once', () => {
    const a = listener();
    events.listen(a);
    latest().connect();
    latest().drop();
    expect(events.state()).toBe('connecting');
    latest().drop(); // the browser's retry fails too: still one reload owed
    latest().connect();
    expect(a.resyncs()).toBe(2); // one for joining before live, one for the gap
    expect(FakeEventSource.opened).toHaveLength(1); // the browser reconnected the same stream
  });

  it('a listener that left during a gap is not told to reload', () => {
    const a = listener();
    const stop = events.listen(a);
    events.listen(listener());
    latest().connect();
    latest().drop();
    stop();
    latest().connect();
    expect(a.resyncs()).toBe(1);
  });
});

describe('VerificationEvents: a refused stream', () => {
  it('goes offline, asks whether the session still holds, and retries with growing pauses up to 30 s', () => {
    events.listen(listener());
    const pauses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const source = latest();
      source.refuse();
      expect(events.state()).toBe('offline');
      expect(source.closed).toBe(true);
      const opened = FakeEventSource.opened.length;
      let waited = 0;
      while (FakeEventSource.opened.length === opened) {
        jest.advanceTimersByTime(500);
        waited += 500;
      }
      pauses.push(waited);
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(confirmSession).toHaveBeenCalledTimes(7);
    expect(events.state()).toBe('connecting');
  });

  it('starts again from a short pause once a stream was live', () => {
    const a = listener();
    events.listen(a);
    latest().refuse();
    jest.advanceTimersByTime(1000);
    latest().refuse();
    jest.advanceTimersByTime(2000);
    latest().connect();
    expect(a.resyncs()).toBe(1);
    latest().refuse();
    const opened = FakeEventSource.opened.length;
    jest.advanceTimersByTime(1000);
    expect(FakeEventSource.opened).toHaveLength(opened + 1);
  });

  it('a listener joining while a retry waits does not open a stream early', () => {
    events.listen(listener());
    latest().refuse();
    events.listen(listener());
    expect(FakeEventSource.opened).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    expect(FakeEventSource.opened).toHaveLength(2);
  });
});

describe('VerificationEvents: when nobody listens', () => {
  it('keeps the stream open a while, so going from the list to a verification misses nothing', () => {
    const stop = events.listen(listener());
    latest().connect();
    stop();
    jest.advanceTimersByTime(14_000);
    const next = listener();
    events.listen(next);
    expect(latest().closed).toBe(false);
    expect(FakeEventSource.opened).toHaveLength(1);
    jest.advanceTimersByTime(60_000);
    expect(latest().closed).toBe(false);
    expect(next.resyncs()).toBe(0);
  });

  it('closes it 15 s after the last listener left, and opens a new one for the next', () => {
    const stop = events.listen(listener());
    latest().connect();
    stop();
    jest.advanceTimersByTime(15_000);
    expect(latest().closed).toBe(true);
    expect(events.state()).toBe('connecting');
    const next = listener();
    events.listen(next);
    expect(FakeEventSource.opened).toHaveLength(2);
    latest().connect();
    expect(next.resyncs()).toBe(1);
  });

  it('stops retrying a refused stream once nobody listens', () => {
    const stop = events.listen(listener());
    latest().refuse();
    stop();
    jest.advanceTimersByTime(15_000);
    const opened = FakeEventSource.opened.length;
    jest.advanceTimersByTime(120_000);
    expect(FakeEventSource.opened).toHaveLength(opened);
  });
});
