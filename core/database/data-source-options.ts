import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1764250000000 } from './migrations/1764250000000-initial-schema';
import { EngineV21764300000000 } from './migrations/1764300000000-engine-v2';
import { AuditChain1764350000000 } from './migrations/1764350000000-audit-chain';
import { IdempotencyKeys1764400000000 } from './migrations/1764400000000-idempotency-keys';
import { ExportIndexes1764650000000 } from './migrations/1764650000000-export-indexes';
import { MessageStatuses1764450000000 } from './migrations/1764450000000-message-statuses';
import { ConnectorResult1764500000000 } from './migrations/1764500000000-connector-result';
import { Webhooks1764550000000 } from './migrations/1764550000000-webhooks';
import { DirectorySync1764600000000 } from './migrations/1764600000000-directory-sync';
import { Console1764700000000 } from './migrations/1764700000000-console';
import { PolicyVersions1764750000000 } from './migrations/1764750000000-policy-versions';
import { Proofs1764800000000 } from './migrations/1764800000000-proofs';
import { RecoveryPasskeys1764850000000 } from './migrations/1764850000000-recovery-passkeys';
import { VouchRequests1764880000000 } from './migrations/1764880000000-vouch-requests';
import { RefereeChecks1764920000000 } from './migrations/1764920000000-referee-checks';
import { LinkRedemptionAttempt1764990000000 } from './migrations/1764990000000-link-redemption-attempt';
import { WorkerHeartbeats1765020000000 } from './migrations/1765020000000-worker-heartbeats';

export const MIGRATIONS = [
  InitialSchema1764250000000,
  EngineV21764300000000,
  AuditChain1764350000000,
  IdempotencyKeys1764400000000,
  MessageStatuses1764450000000,
  ConnectorResult1764500000000,
  Webhooks1764550000000,
  DirectorySync1764600000000,
  ExportIndexes1764650000000,
  Console1764700000000,
  PolicyVersions1764750000000,
  Proofs1764800000000,
  RecoveryPasskeys1764850000000,
  VouchRequests1764880000000,
  RefereeChecks1764920000000,
  LinkRedemptionAttempt1764990000000,
  WorkerHeartbeats1765020000000,
];

/** Bounds on waiting for PostgreSQL, in milliseconds: a stopped or paused server becomes an error, not a hang. */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to open. */
  connectMs: number;
  /** One statement, enforced by the server (it also frees the server's work) and by the client (a paused server never answers). */
  statementMs: number;
}

/** What the API uses: every request answers within about 5 s, so no single wait may take most of that. */
export const API_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 2_000, statementMs: 3_000 };

/** One definition of the database connection, shared by the API, the worker, the CLI and tests. */
export function dataSourceOptions(url: string, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: {
      max: 10,
      ...(timeouts && {
        connectionTimeoutMillis: timeouts.connectMs,
        statement_timeout: timeouts.statementMs,
        idle_in_transaction_session_timeout: timeouts.statementMs * 2,
        // The client's own bound, a little later than the server's: it fires only when the server cannot answer at all.
        query_timeout: timeouts.statementMs + 500,
      }),
    },
  };
}
