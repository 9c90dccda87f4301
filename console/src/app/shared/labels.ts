import type { Outcome, Reason, ResetAction, RiskCategory, VerificationStatus } from '../api/views';

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
