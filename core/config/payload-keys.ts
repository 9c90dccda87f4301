import { ConfigError } from './config-error';

/** One AES-256 key for Temporal payloads, named so a payload can say which key sealed it. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** The current key encrypts; every key, the current one included, decrypts (rotation). */
export interface PayloadKeyRing {
  current: PayloadKey;
  byId: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Reads `RESETGATE_PAYLOAD_KEYS`: comma-separated `id:base64key` pairs, the first being the
 * current key, e.g. `2026-11:…,2026-05:…`. Messages never repeat key material.
 */
export function parsePayloadKeys(raw: string, variable = 'RESETGATE_PAYLOAD_KEYS'): PayloadKeyRing {
  const keys: PayloadKey[] = [];
  const entries = raw.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const where = `${variable} entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new ConfigError(`${where} must be id:base64key (pairs separated by commas, the current key first)`);
    const id = entry.slice(0, colon);
    const material = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) throw new ConfigError(`${where}: the key id must be 1–64 letters, digits, dots, dashes or underscores`);
    if (keys.some((k) => k.id === id)) throw new ConfigError(`${where}: the key id "${id}" appears twice`);
    // Node's base64 decoder reads both alphabets but skips stray characters: check the text first.
    const key = BASE64.test(material) ? Buffer.from(material, 'base64') : null;
    if (!key || key.length !== 32) {
      throw new ConfigError(`${where}: key "${id}" must be 32 random bytes in base64 (make one with: openssl rand -base64 32)`);
    }
    keys.push({ id, key });
  });
  return { current: keys[0], byId: new Map(keys.map((k) => [k.id, k.key])) };
}
