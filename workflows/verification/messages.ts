/**
 * The messages of the verification workflow, defined once: the workflow registers handlers for
 * them and the API sends them through the same objects.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ProofKind, ProofResult } from './assurance';
import type { Approval, Grade, Outcome, ResetAction, VerificationState } from './model';
import type { UserAnswer } from './question';

export interface ClientSignals {
  ip?: string;
  userAgent?: string;
  timezone?: string;
  languages?: string[];
  screen?: string;
  webdriver?: boolean;
  pasteCount?: number;
  focusLossCount?: number;
  /** User-Agent Client Hints: what the browser itself reports, harder to fake than the UA string. */
  platform?: string;
  mobile?: boolean;
}

export interface StartSessionResult {
  sessionExpiresAt: string;
  questionCount: number;
}

export interface AnswerInput {
  questionId: string;
  /** `null` means the user skipped the question. */
  answer: UserAnswer | null;
  elapsedMs: number;
  pasted: boolean;
}

export interface ApproveResetInput {
  action: ResetAction;
  approvedBy: string;
  note?: string;
  ticketRef?: string;
}

export interface FinishResult {
  outcome: Outcome;
  reason?: string;
}

export interface StepUpInput {
  matched: boolean;
  issuer: string;
  /**
   * What the ID token says of the sign-in, when the user matched: its `amr` and `acr`, its
   * `auth_time`, and whether the API judged it phishing-resistant and fresh (docs/assurance.md).
   */
  method?: { amr: string[]; acr: string | null; authTime: string | null; phishingResistant: boolean };
}

/**
 * A proof the API checked (a passkey assertion, an identity-document result, a vouch): the
 * workflow records it. The destination of record is the workflow's own to record.
 */
export interface ProofInput {
  kind: Exclude<ProofKind, 'destination_of_record'>;
  status: ProofResult['status'];
  detail: string;
  evidence?: ProofResult['evidence'];
}

/**
 * The user asks the person on file (their manager) to vouch for them. Where the request came
 * from is shown to that person, so they can tell whether it looks like the user they know.
 */
export interface VouchRequestInput {
  from: { ip: string | null; userAgent: string | null };
}

export interface CancelInput {
  cancelledBy: string;
}

export const startSession = defineUpdate<StartSessionResult, [ClientSignals]>('startSession');
export const submitAnswer = defineUpdate<{ grade: Grade }, [AnswerInput]>('submitAnswer');
export const finishSession = defineUpdate<FinishResult, [ClientSignals]>('finishSession');
export const completeStepUp = defineUpdate<void, [StepUpInput]>('completeStepUp');
export const recordProof = defineUpdate<ProofResult, [ProofInput]>('recordProof');
export const requestVouch = defineUpdate<ProofResult, [VouchRequestInput]>('requestVouch');
export const approveReset = defineUpdate<Approval, [ApproveResetInput]>('approveReset');
export const cancelVerification = defineUpdate<void, [CancelInput]>('cancelVerification');
export const supersede = defineSignal<[{ supersededBy: string }]>('supersede');
export const verificationState = defineQuery<VerificationState>('verificationState');
