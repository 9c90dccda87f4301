import { passkeyRows, removalConfirmation, transportWords } from './user-passkeys-facts';
import type { RecoveryPasskey } from './user-passkeys-facts';

const current = '5b0c7e0e-3f9e-4a57-9f53-0e8f7c1d2a10';
const older = '0a7d1b2c-9e8f-4d6c-8b5a-1f2e3d4c5b6a';

const passkey = (over: Partial<RecoveryPasskey> = {}): RecoveryPasskey => ({
  id: 'c3d4e5f6-0000-4000-8000-000000000001',
  credentialIdPrefix: 'kY3vQ1aZ',
  transports: ['internal', 'hybrid'],
  addedAt: '2026-07-01T10:00:00.000Z',
  addedAfterVerificationId: older,
  lastUsedAt: '2026-07-08T09:30:00.000Z',
  ...over,
});

describe('transportWords', () => {
  test('names each transport in words, once, capitalised', () => {
    expect(transportWords(['internal', 'hybrid'])).toBe('Built into the device, a phone nearby');
    expect(transportWords(['usb', 'nfc'])).toBe('USB security key, tap (NFC)');
    expect(transportWords(['hybrid', 'cable'])).toBe('A phone nearby');
  });

  test('says when the device reported none, and keeps a name it does not know', () => {
    expect(transportWords([])).toBe('Not reported');
    expect(transportWords(['ble', 'quantum'])).toBe('Bluetooth, quantum');
  });
});

describe('passkeyRows', () => {
  test('one row per passkey, in the order given: the prefix, the verification it was added after, when last used', () => {
    const rows = passkeyRows(
      [passkey(), passkey({ id: 'second', addedAfterVerificationId: current, lastUsedAt: null, transports: [] })],
      current,
    );
    expect(rows).toEqual([
      {
        id: 'c3d4e5f6-0000-4000-8000-000000000001',
        label: 'Passkey kY3vQ1aZ…',
        addedAt: '2026-07-01T10:00:00.000Z',
        verificationLink: ['/verifications', older],
        verificationText: 'verification 0a7d1b2c',
        lastUsedAt: '2026-07-08T09:30:00.000Z',
        lastUsedText: null,
        transports: 'Built into the device, a phone nearby',
      },
      expect.objectContaining({
        id: 'second',
        verificationLink: ['/verifications', current],
        verificationText: 'this verification',
        lastUsedAt: null,
        lastUsedText: 'Never',
        transports: 'Not reported',
      }),
    ]);
  });

  test('none enrolled is an empty list', () => {
    expect(passkeyRows([], current)).toEqual([]);
  });
});

describe('removalConfirmation', () => {
  test('names the passkey and the user, says it stops counting as a proof and that the user is not told', () => {
    const options = removalConfirmation({ label: 'Passkey kY3vQ1aZ…' }, 'Zoë Murphy');
    expect(options.title).toBe('Remove passkey kY3vQ1aZ…?');
    expect(options.message).toMatch(/^Zoë Murphy will no longer be able to use it as a proof/);
    expect(options.message).toContain('They are not told.');
    expect(options).toMatchObject({ confirm: 'Remove passkey', cancel: 'Keep it' });
  });
});
