import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyRing } from '../config/payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** A payload the keys cannot open: altered, truncated, or sealed with a key that is not configured. */
export class PayloadDecryptionError extends Error {}

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}

export function keyIdOf(payload: Payload): string | undefined {
  return text(payload.metadata?.[KEY_ID_METADATA]);
}

/**
 * Seals every workflow payload (inputs, results, Update arguments, failure details) with
 * AES-256-GCM under the current key; the key id rides in clear metadata so rotation only adds keys.
 * The whole original Payload, metadata included, is the plaintext. Payloads without the encrypted
 * encoding pass through decode untouched: histories recorded before encryption still replay.
 */
export class EncryptionCodec implements PayloadCodec {
  /** Without keys (a replayer given none), clear payloads still decode and sealed ones fail saying why. */
  constructor(private readonly keys: PayloadKeyRing | undefined) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.open(payload) : payload));
  }

  private seal(payload: Payload): Payload {
    if (!this.keys) throw new Error('RESETGATE_PAYLOAD_KEYS is not set: Temporal payloads cannot be encrypted');
    const { id, key } = this.keys.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(associatedData(id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id), [CIPHER_METADATA]: utf8(CIPHER) },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const id = keyIdOf(payload) ?? '';
    const key = this.keys?.byId.get(id);
    if (!key) {
      throw new PayloadDecryptionError(
        `the payload was encrypted with key "${id}", which RESETGATE_PAYLOAD_KEYS ${this.keys ? 'does not hold' : 'is not set to'}`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`the payload sealed with key "${id}" is truncated`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(associatedData(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadDecryptionError(`the payload sealed with key "${id}" fails authentication: it was altered, or the key differs`);
    }
  }
}

/** Binds the ciphertext to its key id: relabelling a payload with another id makes it fail. */
function associatedData(keyId: string): Buffer {
  return Buffer.from(`${ENCRYPTED_ENCODING};${keyId}`, 'utf8');
}
