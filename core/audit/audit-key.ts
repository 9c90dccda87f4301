import { createHash } from 'node:crypto';

/** The audit key as HMAC key material: any string, hashed to 32 bytes. */
export function auditKeyBytes(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
