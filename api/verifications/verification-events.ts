import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import type { DataSource } from 'typeorm';
import { API_DATABASE_TIMEOUTS } from '../../core/database/data-source-options';

const CHANNEL = 'verification_changed';
const RECONNECT_MS = 2_000;

/**
 * Ids of verifications as they change, from PostgreSQL's LISTEN/NOTIFY (a trigger on the
 * table). Every API instance hears every change, whichever worker wrote it, so live status
 * needs no broker. One connection per instance, opened when the first listener arrives.
 */
@Injectable()
export class VerificationEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(VerificationEvents.name);
  private readonly changes = new Subject<string>();
  private client?: Client;
  private connecting?: Promise<void>;
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Changed verification ids, once listening has started (on first use): a stream opened with it
   * misses nothing written after it opens. When the database is unreachable it answers at once
   * and keeps retrying in the background.
   */
  async changed(): Promise<Observable<string>> {
    await this.ensureListening();
    return this.changes.asObservable();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.changes.complete();
    await this.client?.end().catch(() => undefined);
  }

  private ensureListening(): Promise<void> {
    this.connecting ??= this.listen().catch((err: unknown) => {
      this.logger.warn(`live status unavailable, retrying: ${String(err)}`);
      this.scheduleReconnect();
    });
    return this.connecting;
  }

  private async listen(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    // Bounded, as every wait in the API is: a paused server must not hold the stream's first request.
    const client = new Client({ connectionString: options.url, connectionTimeoutMillis: API_DATABASE_TIMEOUTS.connectMs });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.changes.next(message.payload);
    });
    client.on('error', (err) => {
      this.logger.warn(`live status connection lost: ${err.message}`);
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closed) return;
    const stale = this.client;
    this.client = undefined;
    void stale?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connecting = undefined;
      void this.ensureListening();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}
