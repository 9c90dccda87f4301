import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import { Injectable } from '@nestjs/common';

/**
 * Counts the Temporal RPCs not yet finished, retries included. The client's retry interceptor
 * waits between attempts on a timer; closing the channel during that wait makes the next attempt
 * throw "Channel has been shut down" from the timer, uncaught. So the channel closes only once
 * this count is zero.
 */
@Injectable()
export class TemporalCalls {
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  /** Goes first in the connection's interceptors, outside the retry one: it sees a call's final status. */
  readonly interceptor: Interceptor = (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start: (metadata, _listener, next) => {
        this.running++;
        let finished = false;
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            if (!finished) {
              finished = true;
              this.finished();
            }
            nextStatus(status);
          },
        });
      },
    });

  get inFlight(): number {
    return this.running;
  }

  /** True once no call is running, false if some still are after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private finished(): void {
    this.running--;
    if (this.running > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
