import type { EntityManager } from 'typeorm';

/**
 * A transaction-scoped advisory lock per directory user. Creating a verification (and
 * superseding the open one) happens under it, so two requests for one user never interleave.
 */
export async function lockUser(db: EntityManager, userId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('resetgate:user:' || $1, 0))`, [userId]);
}
