import { randomBytes } from 'node:crypto';
import { loadConfig } from './app-config';
import { parsePayloadKeys } from './payload-keys';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('RESETGATE_PAYLOAD_KEYS', () => {
  test('the first key is current; every key decrypts; both base64 alphabets are read', () => {
    const ring = parsePayloadKeys(`2026-11:${k2.toString('base64')}, 2026-05:${k1.toString('base64url')}`);
    expect(ring.current.id).toBe('2026-11');
    expect(ring.current.key.equals(k2)).toBe(true);
    expect([...ring.byId.keys()]).toEqual(['2026-11', '2026-05']);
    expect(ring.byId.get('2026-05')!.equals(k1)).toBe(true);
  });

  test.each([
    ['no colon', k1.toString('base64'), /entry 1 must be id:base64key/],
    ['empty entry', `a:${k1.toString('base64')},`, /entry 2 must be id:base64key/],
    ['bad id', `a b:${k1.toString('base64')}`, /entry 1: the key id must be/],
    ['duplicate id', `a:${k1.toString('base64')},a:${k2.toString('base64')}`, /entry 2: the key id "a" appears twice/],
    ['short key', `a:${randomBytes(16).toString('base64')}`, /key "a" must be 32 random bytes in base64/],
    ['not base64', `a:${'!'.repeat(44)}`, /key "a" must be 32 random bytes/],
  ])('%s is refused with a message naming the variable', (_name, raw, message) => {
    expect(() => parsePayloadKeys(raw)).toThrow(message);
  });

  test('error messages never repeat key material', () => {
    const material = randomBytes(31).toString('base64');
    expect(() => parsePayloadKeys(`a:${material}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(material) }));
  });

  test('loadConfig reads it, and the codec CORS origins', () => {
    const config = loadConfig({ RESETGATE_PAYLOAD_KEYS: `a:${k1.toString('base64')}` });
    expect(config.payloadKeys?.current.id).toBe('a');
    expect(config.codecCorsOrigins).toEqual(['http://localhost:8233']);
    expect(loadConfig({ RESETGATE_CODEC_CORS_ORIGINS: 'https://temporal.example.org, http://localhost:8080' }).codecCorsOrigins).toEqual([
      'https://temporal.example.org',
      'http://localhost:8080',
    ]);
    expect(() => loadConfig({ RESETGATE_CODEC_CORS_ORIGINS: 'https://temporal.example.org/ui' })).toThrow(/RESETGATE_CODEC_CORS_ORIGINS/);
    expect(() => loadConfig({ RESETGATE_CODEC_CORS_ORIGINS: '*' })).toThrow(/RESETGATE_CODEC_CORS_ORIGINS/);
  });
});
