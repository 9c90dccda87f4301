import { isIP } from 'node:net';

/** Who the passkeys belong to, as WebAuthn names it: an RP ID (a host name) and the origin the browser must report. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

/**
 * Both come from PUBLIC_URL, never from a request's Host header: a forged Host must not move the
 * origin a passkey is checked against. WebAuthn refuses IP addresses as RP IDs, so a PUBLIC_URL on
 * an IP address (a bare test stack) gets `null`: passkeys are then simply never offered.
 */
export function relyingParty(publicUrl: string): RelyingParty | null {
  const url = new URL(publicUrl);
  const id = url.hostname;
  if (isIP(id.replace(/^\[|\]$/g, '')) !== 0) return null;
  return { id, origin: url.origin, name: 'ResetGate' };
}
