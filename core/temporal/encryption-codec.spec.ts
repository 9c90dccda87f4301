import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { parsePayloadKeys } from '../config/payload-keys';
import { EncryptionCodec, PayloadDecryptionError } from './encryption-codec';

const key = () => randomBytes(32).toString('base64');
const OLD = `old:${key()}`;
const NEW = `new:${key()}`;
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const answer = defaultPayloadConverter.toPayload({ questionId: 'q1', answer: { text: 'Marguerite Okafor' } });

describe('EncryptionCodec', () => {
  const codec = new EncryptionCodec(parsePayloadKeys(OLD));

  test('seals a payload, names the key in metadata, and opens it back to the same payload', async () => {
    const [sealed] = await codec.encode([answer]);
    expect(text(sealed.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(sealed.metadata!['encryption-key-id'])).toBe('old');
    expect(text(sealed.metadata!['encryption-cipher'])).toBe('AES-256-GCM');
    expect(text(sealed.data)).not.toContain('Marguerite');
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual({ questionId: 'q1', answer: { text: 'Marguerite Okafor' } });
  });

  test('the same payload seals differently each time (a fresh IV)', async () => {
    const [a, b] = await codec.encode([answer, answer]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  test('clear payloads (histories from before encryption) pass through decode untouched', async () => {
    expect(await codec.decode([answer])).toEqual([answer]);
  });

  test('rotation: the new key seals, the old one still opens what it sealed', async () => {
    const [before] = await codec.encode([answer]);
    const rotated = new EncryptionCodec(parsePayloadKeys(`${NEW},${OLD}`));
    const [after] = await rotated.encode([answer]);
    expect(text(after.metadata!['encryption-key-id'])).toBe('new');
    expect((await rotated.decode([before, after])).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      defaultPayloadConverter.fromPayload(answer),
      defaultPayloadConverter.fromPayload(answer),
    ]);
    await expect(new EncryptionCodec(parsePayloadKeys(NEW)).decode([before])).rejects.toThrow(
      /key "old", which RESETGATE_PAYLOAD_KEYS does not hold/,
    );
    await expect(new EncryptionCodec(undefined).decode([before])).rejects.toThrow(/key "old", which RESETGATE_PAYLOAD_KEYS is not set/);
  });

  test('an altered byte, a relabelled key id, or a truncated payload fails authentication', async () => {
    const [sealed] = await codec.encode([answer]);
    const flipped: Payload = { ...sealed, data: Buffer.from(sealed.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(codec.decode([flipped])).rejects.toThrow(PayloadDecryptionError);
    const sameKeyOtherName = new EncryptionCodec(parsePayloadKeys(`${OLD},alias:${OLD.split(':')[1]}`));
    const relabelled: Payload = { ...sealed, metadata: { ...sealed.metadata, 'encryption-key-id': Buffer.from('alias') } };
    await expect(sameKeyOtherName.decode([relabelled])).rejects.toThrow(/fails authentication/);
    await expect(codec.decode([{ ...sealed, data: sealed.data!.subarray(0, 20) }])).rejects.toThrow(/truncated/);
  });

  test('without keys it refuses to encode rather than send clear payloads', async () => {
    await expect(new EncryptionCodec(undefined).encode([answer])).rejects.toThrow(/RESETGATE_PAYLOAD_KEYS is not set/);
  });
});
