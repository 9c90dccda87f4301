import { randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG, URL-safe. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token travels in the fragment, so it reaches neither server logs nor Referer headers. */
export function verificationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/ssp/#token=${token}`;
}

/** NIST 800-63B-4: an SMS link lives at most 10 minutes, an email link at most 24 hours. */
export const MAX_LINK_LIFETIME_SECONDS = { sms: 600, email: 86_400 } as const;

/** The vouch link for the user's manager; the token in the fragment, as for the user's own link. */
export function vouchLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/ssp/vouch#token=${token}`;
}
