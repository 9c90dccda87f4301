import type { Outcome, ProofKind, ProofStatus, Reason, RecoveryClass, ResetAction, RiskCategory, VerificationStatus } from '../api/views';

/** Every status in plain words: a short label for tables, and a sentence saying what it means for the agent. */
export const STATUS: Record<VerificationStatus, { label: string; meaning: string; tone: 'wait' | 'good' | 'bad' | 'neutral' }> = {
  created: { label: 'Sending link', meaning: 'The link is being sent.', tone: 'wait' },
  link_sent: { label: 'Link sent', meaning: 'The link was sent. Waiting for the caller to open it and press Start.', tone: 'wait' },
  in_progress: { label: 'Verifying', meaning: 'The caller is answering the questions now.', tone: 'wait' },
  passed: { label: 'Passed', meaning: 'The caller proved who they are. The reset may now be approved.', tone: 'good' },
  failed: {
    label: 'Failed',
    meaning: 'The caller did not prove who they are. Do not reset; follow your escalation procedure.',
    tone: 'bad',
  },
  timed_out: {
    label: 'Timed out',
    meaning: 'The link or session expired before the caller finished. Send a new link if needed.',
    tone: 'neutral',
  },
  not_enough_questions: {
    label: 'Not enough questions',
    meaning: 'The directory knows too little to ask enough questions, or too few were answered. Use another verification procedure.',
    tone: 'neutral',
  },
  needs_referee: {
    label: 'Needs a referee',
    meaning: 'The caller has no proof the policy accepts. Do not reset: a named second person must check them in person or on video.',
    tone: 'neutral',
  },
  cancelled: { label: 'Cancelled', meaning: 'Cancelled by an agent, or replaced by a newer link.', tone: 'neutral' },
  reset_approved: { label: 'Reset approved', meaning: 'The reset was approved. Run your reset procedure now.', tone: 'good' },
  reset_completed: {
    label: 'Reset completed',
    meaning: 'The reset is done and the user was notified on their corporate address.',
    tone: 'good',
  },
  approval_expired: {
    label: 'Approval expired',
    meaning: 'The caller passed, but nobody approved the reset in time. Send a new link to start again.',
    tone: 'neutral',
  },
};

export const OUTCOME: Record<Outcome, string> = {
  passed: 'Passed',
  failed: 'Failed',
  timed_out: 'Timed out',
  not_enough_questions: 'Not enough questions',
  needs_referee: 'Needs a referee',
  cancelled: 'Cancelled',
};

export const REASON: Record<Reason, string> = {
  password_reset: 'Password reset',
  account_unlock: 'Account unlock',
  account_recovery: 'Account recovery',
  identity_check: 'Identity check',
};

export const RESET_ACTION: Record<ResetAction, string> = {
  password_reset: 'Password reset',
  account_unlock: 'Account unlock',
  reset_email: 'Send a reset email',
};

export const RISK_CATEGORY: Record<RiskCategory, { label: string; about: string }> = {
  network: { label: 'Network', about: 'where the caller connected from: country, VPN, proxy or data centre' },
  endpoint: { label: 'Device', about: 'the browser: automation, the platform it claims, its time zone' },
  persona: { label: 'Persona', about: 'whether the destination and device match the user’s directory record and sign-ins' },
  challenge: { label: 'Challenge', about: 'how the questions were answered: speed, pasting, switching away' },
};

/** "user:agent@example.com" → "agent@example.com"; "apikey:ivr" → "API key ivr". */
export function principalName(id: string): string {
  if (id.startsWith('user:')) return id.slice(5);
  if (id.startsWith('apikey:')) return `API key ${id.slice(7)}`;
  return id;
}

export const OPEN_STATUSES: readonly VerificationStatus[] = ['created', 'link_sent', 'in_progress'];

/** How the risk score classified the caller's network (activities/verification/risk/asn-categories.ts). */
export const NETWORK_KIND: Record<string, string> = {
  residential: 'home or mobile network',
  hosting: 'hosting provider',
  vpn: 'VPN or proxy',
  tor: 'Tor',
  private: 'private network',
  unknown: 'network type unknown',
};

/**
 * Each proof (docs/assurance.md): `name` heads its row, `term` is how a policy lists it, `words` is
 * the server's own sentence (PROOF_WORDS in workflows/verification/assurance.ts, copied: the console
 * cannot import server code), and `waiting` says what is awaited before any result.
 */
export const PROOF: Record<ProofKind, { name: string; term: string; words: string; waiting: string }> = {
  destination_of_record: {
    name: 'Phone or address on record',
    term: 'the phone or address on record',
    words: 'the link reached the phone or address on record',
    waiting: 'Waiting for the caller to open the link and press Start.',
  },
  recovery_passkey: {
    name: 'Recovery passkey',
    term: 'recovery passkey',
    words: 'the user’s recovery passkey',
    waiting: 'Waiting for the caller to use their recovery passkey.',
  },
  idp_phishing_resistant: {
    name: 'Phishing-resistant sign-in',
    term: 'phishing-resistant sign-in',
    words: 'a phishing-resistant sign-in at the organisation’s IdP',
    waiting: 'The caller may still sign in at the organisation’s IdP.',
  },
  vouch: {
    name: 'A person who vouches',
    term: 'a person who vouches',
    words: 'a person who vouches (their manager)',
    waiting: 'The caller may ask their manager to vouch for them.',
  },
  identity_document: {
    name: 'Identity document',
    term: 'an identity document',
    words: 'an identity document and selfie',
    waiting: 'Waiting for the identity document check.',
  },
};

/** Where a proof stands: its result, or `waiting` while it may still come, `not_checked` once the verification ended without one. */
export type ProofState = ProofStatus | 'waiting' | 'not_checked';

export const PROOF_STATE: Record<ProofState, string> = {
  met: 'Met',
  failed: 'Failed',
  against: 'Evidence against',
  unavailable: 'Not available',
  pending: 'Asked, awaiting answer',
  waiting: 'Waiting',
  not_checked: 'Not checked',
};

/** The shipped assurance policies: the destination on record and `strong` of the other four. */
export const ASSURANCE: Record<string, { name: string; strong: number }> = {
  standard: { name: 'Standard', strong: 1 },
  privileged: { name: 'Privileged', strong: 2 },
};

/** NIST SP 800-63B-4 §4.2 recovery classes (RECOVERY_CLASS_WORDS in workflows/verification/assurance.ts). */
export const RECOVERY_CLASS: Record<RecoveryClass, string> = {
  recovery_code_and_authenticator: 'a recovery code and an authenticator already bound to the account',
  two_recovery_codes: 'two recovery codes by different methods',
  repeated_identity_proofing: 'repeated identity proofing',
};
