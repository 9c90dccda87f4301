/**
 * Assurance: a verification passes on proofs (what the caller holds, who vouches for them), never
 * on what can be looked up. Questions and risk are signals: they can fail a verification, not pass
 * it. Pure and deterministic: the workflow evaluates it, the strength harness measures it.
 * docs/assurance.md explains each proof and the standards behind the rules.
 */

export const PROOF_KINDS = ['destination_of_record', 'recovery_passkey', 'idp_phishing_resistant', 'vouch', 'identity_document'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

/** The proofs strong enough to stand beside the destination of record. */
export const STRONG_PROOFS: readonly ProofKind[] = ['recovery_passkey', 'idp_phishing_resistant', 'vouch', 'identity_document'];

/**
 * - `met`: the proof holds.
 * - `failed`: tried and did not hold (a passkey that does not verify, a name that does not match).
 * - `against`: evidence the caller is not the user (the voucher refused, the number was just swapped).
 * - `unavailable`: the user cannot give it (no passkey enrolled, no manager on file or no answer from them
 *   in time, a number the caller dictated).
 * - `pending`: asked for and not answered yet (a vouch request waiting for the manager). It counts as
 *   not given; the workflow turns it into `unavailable` when the session ends without an answer.
 */
export type ProofStatus = 'met' | 'failed' | 'against' | 'unavailable' | 'pending';

export interface ProofResult {
  kind: ProofKind;
  status: ProofStatus;
  /** Plain words for the agent: what was checked and what it showed. */
  detail: string;
  at: string;
  /** Structured evidence for auditors and exports; never a secret. */
  evidence?: Record<string, string | number | boolean | null>;
}

/** Which combinations of proofs pass. Versioned with the rest of the verification policy. */
export interface AssurancePolicy {
  /** Shown to agents and auditors: `standard`, `privileged`, … */
  name: string;
  /** Each of these must be met. */
  required: ProofKind[];
  /** And at least `count` different kinds from `from`. */
  strong: { count: number; from: ProofKind[] };
}

export const STANDARD_ASSURANCE: AssurancePolicy = {
  name: 'standard',
  required: ['destination_of_record'],
  strong: { count: 1, from: [...STRONG_PROOFS] },
};

/** Members of privileged groups: two independent strong proofs (and, set apart from this, two approvers). */
export const PRIVILEGED_ASSURANCE: AssurancePolicy = {
  name: 'privileged',
  required: ['destination_of_record'],
  strong: { count: 2, from: [...STRONG_PROOFS] },
};

/**
 * NIST SP 800-63B-4 §4.2 recovery: two recovery codes obtained by different methods, a recovery
 * code and an authenticator already bound to the account, or repeated identity proofing.
 */
export type RecoveryClass = 'two_recovery_codes' | 'recovery_code_and_authenticator' | 'repeated_identity_proofing';

export const RECOVERY_CLASS_WORDS: Record<RecoveryClass, string> = {
  two_recovery_codes: 'two recovery codes by different methods (NIST SP 800-63B-4 §4.2)',
  recovery_code_and_authenticator: 'a recovery code and an authenticator already bound to the account (NIST SP 800-63B-4 §4.2)',
  repeated_identity_proofing: 'repeated identity proofing (NIST SP 800-63B-4 §4.2)',
};

export type AssuranceVerdict =
  | { verdict: 'satisfied'; recoveryClass: RecoveryClass; decidedBy: ProofKind[]; reason: string }
  | { verdict: 'against'; reason: string }
  | { verdict: 'failed'; reason: string }
  | { verdict: 'needs_referee'; reason: string };

/**
 * Whether the proofs gathered satisfy the policy. Evidence against the caller ends it; a shortfall
 * the caller could have made up but did not is a failure; a shortfall only because the user has no
 * such proof available goes to a named person (a referee), never to a silent pass.
 */
export function assessProofs(policy: AssurancePolicy, proofs: readonly ProofResult[]): AssuranceVerdict {
  const statusOf = (kind: ProofKind): ProofStatus | undefined => latest(proofs, kind)?.status;
  const against = PROOF_KINDS.map((kind) => latest(proofs, kind)).filter((p): p is ProofResult => p?.status === 'against');
  if (against.length) return { verdict: 'against', reason: against.map((p) => `${PROOF_NAMES[p.kind]}: ${p.detail}`).join('; ') };

  const missing = policy.required.filter((kind) => statusOf(kind) !== 'met');
  const strongMet = policy.strong.from.filter((kind) => statusOf(kind) === 'met');
  const short = Math.max(0, policy.strong.count - strongMet.length);
  if (missing.length === 0 && short === 0) {
    const decidedBy = [...policy.required, ...strongMet.slice(0, policy.strong.count)];
    const recoveryClass = classify(new Set(decidedBy))!;
    return { verdict: 'satisfied', recoveryClass, decidedBy, reason: `${decidedBy.map((k) => PROOF_WORDS[k]).join(' + ')}` };
  }

  const failedRequired = missing.filter((kind) => statusOf(kind) === 'failed');
  const strongTried = policy.strong.from.filter((kind) => statusOf(kind) === 'failed');
  const strongOpen = policy.strong.from.filter((kind) => statusOf(kind) === undefined || statusOf(kind) === 'pending');
  // Name the strong proofs the user could still have given; all of them when none could.
  const possible = policy.strong.from.filter((kind) => statusOf(kind) !== 'unavailable');
  const needs = [
    ...missing.map((kind) => `${PROOF_WORDS[kind]} (${statusOf(kind) ?? 'not given'})`),
    ...(short ? [`${short} more of ${(possible.length ? possible : policy.strong.from).map((k) => PROOF_WORDS[k]).join(', ')}`] : []),
  ].join('; ');
  // The caller tried and it did not hold, or could still have given a proof and did not: a failure.
  if (failedRequired.length || (short && (strongTried.length || strongOpen.length))) {
    return { verdict: 'failed', reason: `the ${policy.name} policy needs ${needs}` };
  }
  return { verdict: 'needs_referee', reason: `the user has no way to give ${needs}: a named person must check them in person or on video` };
}

/** The recovery class a set of met proofs satisfies, strongest reading first; null when none. */
export function classify(met: ReadonlySet<ProofKind>): RecoveryClass | null {
  if (met.has('identity_document')) return 'repeated_identity_proofing';
  if (met.has('destination_of_record') && (met.has('recovery_passkey') || met.has('idp_phishing_resistant'))) {
    return 'recovery_code_and_authenticator';
  }
  if (met.has('destination_of_record') && met.has('vouch')) return 'two_recovery_codes';
  return null;
}

export const PROOF_WORDS: Record<ProofKind, string> = {
  destination_of_record: 'the link reached the phone or address on record',
  recovery_passkey: 'the user’s recovery passkey',
  idp_phishing_resistant: 'a phishing-resistant sign-in at the organisation’s IdP',
  vouch: 'a person who vouches (their manager)',
  identity_document: 'an identity document and selfie',
};

/** The proof as a noun, for "what it was: what went wrong" (a SIM swap is not "the link reached …"). */
export const PROOF_NAMES: Record<ProofKind, string> = {
  destination_of_record: 'the phone or address on record',
  recovery_passkey: 'the recovery passkey',
  idp_phishing_resistant: 'the sign-in at the organisation’s IdP',
  vouch: 'the vouch',
  identity_document: 'the identity document',
};

/** A later result for a kind replaces an earlier one (a retried passkey, a second vouch). */
export function latest(proofs: readonly ProofResult[], kind: ProofKind): ProofResult | undefined {
  for (let i = proofs.length - 1; i >= 0; i--) if (proofs[i].kind === kind) return proofs[i];
  return undefined;
}
