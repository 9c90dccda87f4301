import { createHash } from 'node:crypto';

/**
 * The COSE algorithms a recovery passkey may use: EdDSA, ES256 and RS256, which every platform
 * authenticator offers. Named here, not left to the library's default, so registration options
 * and their check always agree (the default also changes with the runtime's crypto).
 */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];

/**
 * The WebAuthn user handle: stable per user, so an authenticator keeps one ResetGate passkey per
 * person, and opaque, so the directory id is not stored on the authenticator.
 */
export function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(createHash('sha256').update(`resetgate-recovery-passkey:${userId}`).digest());
}
