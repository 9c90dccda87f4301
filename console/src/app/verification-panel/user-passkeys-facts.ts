import type { components } from '../api/schema';
import type { Role } from '../api/views';
import type { ConfirmOptions } from '../shared/confirm-dialog';

/** api/passkeys/dto/recovery-passkey.view.dto.ts */
export type RecoveryPasskey = components['schemas']['RecoveryPasskeyView'];
export type RecoveryPasskeyList = components['schemas']['RecoveryPasskeyList'];

/** Only an admin removes a passkey: an insider agent must not be able to strip a victim's strong proof. The API says the same. */
export const PASSKEY_REMOVERS: readonly Role[] = ['admin'];

/** WebAuthn's transport names, in words an agent can say to a caller. */
export const TRANSPORT: Record<string, string> = {
  internal: 'built into the device',
  hybrid: 'a phone nearby',
  cable: 'a phone nearby',
  usb: 'USB security key',
  nfc: 'tap (NFC)',
  ble: 'Bluetooth',
  'smart-card': 'smart card',
};

/** "built into the device, a phone nearby"; unknown names as given; "Not reported" when the device said nothing. */
export function transportWords(transports: readonly string[]): string {
  const words = [...new Set(transports.map((t) => TRANSPORT[t] ?? t))];
  if (!words.length) return 'Not reported';
  const text = words.join(', ');
  return text[0].toUpperCase() + text.slice(1);
}

export interface PasskeyRow {
  id: string;
  /** "Passkey kY3vQ1aZ…": the first characters of its credential id, enough to tell passkeys apart. */
  label: string;
  addedAt: string;
  /** The verification whose pass allowed it: the route to open it, and how to name it. */
  verificationLink: string[];
  verificationText: string;
  lastUsedAt: string | null;
  lastUsedText: string | null;
  transports: string;
}

/** One row per passkey, oldest first as the API gives them. `currentVerificationId` names "this verification". */
export function passkeyRows(passkeys: readonly RecoveryPasskey[], currentVerificationId: string): PasskeyRow[] {
  return passkeys.map((p) => ({
    id: p.id,
    label: `Passkey ${p.credentialIdPrefix}…`,
    addedAt: p.addedAt,
    verificationLink: ['/verifications', p.addedAfterVerificationId],
    verificationText:
      p.addedAfterVerificationId === currentVerificationId ? 'this verification' : `verification ${p.addedAfterVerificationId.slice(0, 8)}`,
    lastUsedAt: p.lastUsedAt,
    lastUsedText: p.lastUsedAt ? null : 'Never',
    transports: transportWords(p.transports),
  }));
}

/** The question before a removal: what it does, and that nobody tells the user. */
export function removalConfirmation(row: Pick<PasskeyRow, 'label'>, userName: string): ConfirmOptions {
  return {
    title: `Remove ${row.label.replace(/^Passkey/, 'passkey')}?`,
    message:
      `${userName} will no longer be able to use it as a proof in a verification. They are not told. ` +
      'The removal is recorded in the audit log and cannot be undone: they can add a new passkey after their next pass.',
    confirm: 'Remove passkey',
    cancel: 'Keep it',
  };
}
