import type { StepUpInput } from '../../../workflows/verification/messages';

/**
 * Authentication methods that resist phishing: a hardware or platform key, a smart card (RFC 8176
 * `hwk`, `sc`; Entra ID's `fido`), or an `acr` that says so (Okta's `phr`/`phrh`, OpenID PAPE's
 * phishing-resistant policy). A password, an SMS or a push approval is not.
 */
export const PHISHING_RESISTANT_AMR = ['hwk', 'sc', 'fido'];
export const PHISHING_RESISTANT_ACR = ['phr', 'phrh', 'http://schemas.openid.net/pape/policies/2007/06/phishing-resistant'];
/** A sign-in older than this proves nothing about who is on the phone now. */
export const FRESH_SIGN_IN_SECONDS = 300;

/** What the ID token says of how the user signed in, and whether it counts as a phishing-resistant, fresh proof. */
export function signInMethod(claims: Record<string, unknown>, now: Date): NonNullable<StepUpInput['method']> {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
  const acr = typeof claims.acr === 'string' ? claims.acr : null;
  const authTime = typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : null;
  const resistant = amr.some((m) => PHISHING_RESISTANT_AMR.includes(m)) || (acr !== null && PHISHING_RESISTANT_ACR.includes(acr));
  const fresh = authTime !== null && now.getTime() - authTime.getTime() <= FRESH_SIGN_IN_SECONDS * 1000;
  return { amr, acr, authTime: authTime?.toISOString() ?? null, phishingResistant: resistant && fresh };
}
