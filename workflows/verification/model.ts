/**
 * The verification's vocabulary, shared by the workflow, the activities and the API.
 * Pure types and constants only: this file is bundled into the workflow sandbox.
 */
import type { AssurancePolicy, ProofKind, ProofResult, RecoveryClass } from './assurance';

export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REASONS = ['password_reset', 'account_unlock', 'account_recovery', 'identity_check'] as const;
export type Reason = (typeof REASONS)[number];

/** `needs_referee`: no proof the policy accepts was available; a named person must check the user in person or on video. */
export const OUTCOMES = ['passed', 'failed', 'timed_out', 'not_enough_questions', 'needs_referee', 'cancelled'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RESET_ACTIONS = ['password_reset', 'account_unlock', 'reset_email'] as const;
export type ResetAction = (typeof RESET_ACTIONS)[number];

/** `created` lasts only while the link is being delivered. */
export const STATUSES = [
  'created',
  'link_sent',
  'in_progress',
  ...OUTCOMES,
  'reset_approved',
  'reset_completed',
  'approval_expired',
] as const;
export type VerificationStatus = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly VerificationStatus[] = ['created', 'link_sent', 'in_progress'];

export type CancelReason = 'agent' | 'superseded' | 'delivery_failed';

export type Grade = 'correct' | 'partial' | 'incorrect' | 'skipped';

/** Every timer and threshold is an input, so tests can run a whole verification in seconds. */
export interface VerificationPolicy {
  version: string;
  linkLifetimeSeconds: number;
  sessionLifetimeSeconds: number;
  /** How many questions the user is asked (3–4). */
  questionsAsked: number;
  /** Fewer generated questions than this, or fewer answered, ends in `not_enough_questions`. */
  minQuestions: number;
  minAnswered: number;
  /** Weighted challenge score (0–1) needed to pass at risk 0. */
  passThreshold: number;
  /**
   * How much each risk point raises the score needed: a riskier session must know more.
   * Absent in policies from before it existed, which means 0.
   */
  riskStepUp?: number;
  /** Highest risk score (0–10) that may still pass. */
  maxRisk: number;
  approvalWindowSeconds: number;
  /** Whether the SSP offers re-authentication at the organisation's IdP as an extra method. */
  idpStepUp?: boolean;
  /**
   * Which proofs pass (docs/assurance.md); the questions and the risk can then fail a verification
   * but never pass it. Absent: the question rule of earlier versions decides alone.
   */
  assurance?: AssurancePolicy;
}

export interface VerificationInput {
  verificationId: string;
  userId: string;
  channel: Channel;
  reason: Reason;
  initiatedBy: string;
  policy: VerificationPolicy;
  /** 2 for privileged users: two different people must approve. Absent means 1. */
  requiredApprovals?: number;
}

export interface GradedAnswer {
  questionId: string;
  kind: string;
  grade: Grade;
  /** 0–1, partial credit included. */
  score: number;
  /** How much the question counts: public facts (manager, department, office) count for half. Absent before v2. */
  weight?: number;
}

export interface RiskFactor {
  category: RiskCategory;
  code: string;
  description: string;
  points: number;
}
export type RiskCategory = 'network' | 'endpoint' | 'persona' | 'challenge';

export interface RiskAssessment {
  score: number;
  factors: RiskFactor[];
  /** What the caller's session looked like, for the agent: absent before it was recorded. */
  context?: SessionContext;
}

/** The device and network the caller used, as the risk score saw them. No IP address: country and network only. */
export interface SessionContext {
  ipCountry: string | null;
  asn: number | null;
  asOrganisation: string | null;
  networkKind: string;
  deviceFamily: string | null;
  platform: string | null;
  timezone: string | null;
}

export interface OutcomeDecision {
  outcome: Exclude<Outcome, 'cancelled' | 'timed_out'>;
  reason: string;
  challengeScore: number;
  answered: number;
  riskScore: number;
}

/** An IdP step-up: did the person who signed in at the IdP match the target user? */
export interface StepUpResult {
  matched: boolean;
  issuer: string;
  at: string;
}

export interface Approval {
  action: ResetAction;
  approvedBy: string;
  note?: string;
  ticketRef?: string;
  approvedAt: string;
}

/**
 * What the post-approval connector did: `recorded` (manual: the agent runs the organisation's
 * procedure), `succeeded` or `failed` (an IdP action, with the IdP's reason).
 */
export interface ConnectorResult {
  connector: string;
  action: ResetAction;
  status: 'recorded' | 'succeeded' | 'failed';
  detail: string;
  at: string;
}

/**
 * Why a verification ended as it did, for the agent (plain words), auditors, the JSON export and
 * webhooks (structured): the proofs and their results, the recovery class they satisfy, and the signals.
 */
export interface Receipt {
  outcome: Outcome;
  /** The assurance policy that decided (`standard`, `privileged`, …); null when the question rule did. */
  assurance: string | null;
  proofs: ProofResult[];
  /** The NIST SP 800-63B-4 recovery class the met proofs satisfy; null when none. */
  recoveryClass: RecoveryClass | null;
  /** The proofs that made the pass. */
  decidedBy: ProofKind[];
  /** Null when the session did not end with graded answers (no link used, timed out, cancelled). */
  signals: { challengeScore: number; answered: number; riskScore: number } | null;
  /** Why it passed, or why each failed step failed, in plain words. */
  reasons: string[];
}

/** Attempts at an IdP action before it is recorded as failed; the activity reads it to know its last try. */
export const RESET_CONNECTOR_MAX_ATTEMPTS = 5;

/** What the `verificationState` query answers: the live state, nothing secret. */
export interface VerificationState {
  verificationId: string;
  status: VerificationStatus;
  outcome?: Outcome;
  outcomeReason?: string;
  cancelReason?: CancelReason;
  linkExpiresAt?: string;
  sessionExpiresAt?: string;
  approvalDeadline?: string;
  questionCount: number;
  /** Sum of the questions' weights; absent in histories from before weighted scoring. */
  questionWeight?: number;
  answers: GradedAnswer[];
  risk?: RiskAssessment;
  /** The approval that let the reset through (the last one when several are required). */
  approval?: Approval;
  /** The user re-authenticated at the organisation's IdP (optional, when the policy offers it). */
  stepUp?: StepUpResult;
  /** Every approval so far, in order; only kept when more than one is required. */
  approvals?: Approval[];
  /** Absent in histories from before the post-approval connector. */
  connector?: ConnectorResult;
  /** What the caller holds and who vouched, as each step ended; only under an assurance policy. */
  proofs?: ProofResult[];
  /** Why the verification ended as it did: written with the outcome. */
  receipt?: Receipt;
  policyVersion: string;
}
