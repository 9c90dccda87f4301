import type { VerificationEntity } from '../../../core/database/entities';

/** At most this many recovery passkeys per user: enough for a phone, a laptop and a spare key. */
export const MAX_PASSKEYS_PER_USER = 10;
/** How long after a pass the user may add a passkey. */
export const ENROLMENT_WINDOW_MS = 5 * 60_000;
/** How long a WebAuthn prompt stays answerable; the browser is told the same. */
export const CHALLENGE_LIFETIME_MS = 2 * 60_000;

type VerificationFacts = Pick<VerificationEntity, 'policy' | 'status' | 'proofs'>;

/**
 * Why the user cannot assert a recovery passkey in this verification now, or undefined when they
 * can. The workflow's `recordProof` validator decides in the end; this spares the user a prompt
 * whose answer it would refuse.
 */
export function assertionUnavailable(verification: VerificationFacts, enrolled: number): string | undefined {
  const assurance = verification.policy.assurance;
  if (!assurance) return 'This verification is not decided by proofs, so a passkey adds nothing. Continue with the questions.';
  if (!assurance.required.includes('recovery_passkey') && !assurance.strong.from.includes('recovery_passkey')) {
    return `The ${assurance.name} policy does not use recovery passkeys. Continue with the questions.`;
  }
  if (verification.status !== 'in_progress') return 'This verification is not in progress any more. Ask the helpdesk for a new link.';
  if (verification.proofs?.some((p) => p.kind === 'recovery_passkey' && p.status === 'met')) {
    return 'Your recovery passkey is already confirmed for this verification.';
  }
  if (enrolled === 0) return 'You have no recovery passkey yet. Continue with the questions.';
  return undefined;
}

/**
 * Why the user cannot add a passkey after this verification, or undefined when they can: only
 * after a pass decided by proofs, and within the per-user limit. A pass on questions alone is
 * weak (an impostor who reads the directory passes it too often): a passkey minted after one would
 * turn that weak pass into a strong proof for every later verification.
 */
export function enrolmentUnavailable(verification: Pick<VerificationEntity, 'outcome' | 'policy'>, enrolled: number): string | undefined {
  if (verification.outcome !== 'passed') return 'A recovery passkey can be added only right after you are verified.';
  if (!verification.policy.assurance) {
    return 'A recovery passkey can be added only after a check by proofs (your phone and a second proof), not after questions alone.';
  }
  if (enrolled >= MAX_PASSKEYS_PER_USER) {
    return `You already have ${MAX_PASSKEYS_PER_USER} recovery passkeys. Ask the helpdesk to remove one first.`;
  }
  return undefined;
}
