import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

const EVERY_MS = 10 * 60_000;

/**
 * Rows that only ever expire: sign-ins never finished, SSP and console sessions past their end.
 * They hold hashes, not secrets, but nothing else removes them, and anyone can create the first
 * kind. SSP sessions stay a day after their end, for whoever looks into a verification.
 */
const CLEAN_UP = [
  `DELETE FROM oidc_login_attempts WHERE expires_at < now()`,
  `DELETE FROM console_sessions WHERE expires_at < now()`,
  `DELETE FROM ssp_sessions WHERE expires_at < now() - interval '1 day'`,
];

/** Deletes expired rows at start and every ten minutes; every worker does, and the deletes do not mind. */
export function startHousekeeping(dataSource: DataSource, everyMs = EVERY_MS): { stop(): Promise<void> } {
  const logger = new Logger('Housekeeping');
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= (async () => {
      for (const statement of CLEAN_UP) {
        await dataSource.query(statement).catch((err: unknown) => logger.warn(`${statement.split(' WHERE')[0]} failed: ${String(err)}`));
      }
    })().finally(() => (running = undefined));
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
