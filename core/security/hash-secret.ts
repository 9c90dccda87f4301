import { createHash } from 'node:crypto';

/**
 * How every random secret is stored: link tokens, SSP and console session cookies, login
 * attempts and API keys are kept only as SHA-256. They carry 256 random bits (API keys 192), so
 * a plain hash is enough: no salt or slow hash is needed against guessing.
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
