import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ProblemException } from '../common/problem';
import { IdempotencyKeyEntity } from '../../core/database/entities';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key for POST /verifications: the same caller, key and body give back the same
 * verification; the same key with another body is a 422. Checked under a lock on the key, inside
 * the creating transaction, so two concurrent retries cannot both create.
 */
export class IdempotentRequest {
  private constructor(
    private readonly principal: string,
    private readonly key: string,
    private readonly requestHash: Buffer,
  ) {}

  static from(principal: string, key: string | undefined, body: unknown): IdempotentRequest | null {
    if (key === undefined) return null;
    if (!KEY_FORMAT.test(key)) throw new ProblemException('validation', 'Idempotency-Key must be 1–255 visible ASCII characters.');
    return new IdempotentRequest(principal, key, createHash('sha256').update(canonicalJson(body)).digest());
  }

  /** The verification this key already created, or null the first time. */
  async previous(db: EntityManager): Promise<string | null> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('resetgate:idempotency:' || $1 || ':' || $2, 0))`, [
      this.principal,
      this.key,
    ]);
    const found = await db.findOneBy(IdempotencyKeyEntity, { principal: this.principal, key: this.key });
    if (!found) return null;
    if (!found.requestHash.equals(this.requestHash)) {
      throw new ProblemException(
        'idempotencyKeyReused',
        'This Idempotency-Key was sent before with a different body. Use a new key for a new request.',
      );
    }
    return found.verificationId;
  }

  async remember(db: EntityManager, verificationId: string): Promise<void> {
    await db.insert(IdempotencyKeyEntity, { principal: this.principal, key: this.key, requestHash: this.requestHash, verificationId });
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
