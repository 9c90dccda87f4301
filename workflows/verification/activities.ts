/**
 * What the verification workflow asks of the outside world, declared where the workflow is: it
 * proxies these by type, and activities/verification/ implements them with the I/O. So the
 * workflow depends on nothing above it, and a change to an activity's shape fails to compile here.
 */
import type { ProofKind, ProofResult } from './assurance';
import type { AnswerInput, ClientSignals } from './messages';
import type { Approval, Channel, ConnectorResult, GradedAnswer, RiskAssessment, StepUpResult, VerificationState } from './model';

/** What the workflow writes to the verification row: the fields of its state that changed. */
export type ProgressUpdate = Pick<VerificationState, 'verificationId' | 'status'> &
  Partial<
    Pick<
      VerificationState,
      | 'outcome'
      | 'outcomeReason'
      | 'cancelReason'
      | 'linkExpiresAt'
      | 'sessionExpiresAt'
      | 'approvalDeadline'
      | 'risk'
      | 'approval'
      | 'approvals'
      | 'stepUp'
      | 'proofs'
      | 'receipt'
    >
  >;

/** What the proofs can be for this verification, learnt before the link goes out. */
export interface ProofOptions {
  /**
   * Whether the link goes to the phone or address on record. `against`: the carrier data counts
   * against it (a SIM changed just now, a VoIP line), and no link is sent.
   */
  destination: { onRecord: boolean; detail: string; against?: string; evidence?: ProofResult['evidence'] };
  /** Strong proofs this user cannot give: nothing enrolled, nobody to vouch, not configured. */
  unavailable: { kind: ProofKind; detail: string }[];
}

/** A vouch request went to the person on file, or there is nobody to send it to. */
export type VouchRequestResult = { sent: true; voucherName: string; relation: 'manager' } | { sent: false; detail: string };

export interface VerificationActivities {
  /** Under an assurance policy, before the link goes out: the destination's standing and which proofs the user can give. */
  prepareProofs(input: { verificationId: string; userId: string; idpStepUp: boolean }): Promise<ProofOptions>;
  /**
   * Sends the person on file (the manager) a single-use link to vouch for the user, valid until
   * `expiresAt`; once per request, whatever the retries.
   */
  requestVouch(input: {
    verificationId: string;
    userId: string;
    expiresAt: string;
    from: { ip: string | null; userAgent: string | null };
  }): Promise<VouchRequestResult>;
  /** Issues the link and sends it, once; answers when it expires. */
  deliverLink(input: { verificationId: string; userId: string; channel: Channel; linkLifetimeSeconds: number }): Promise<{
    linkExpiresAt: string;
  }>;
  /** Keeps the verification row in step with the workflow. */
  recordProgress(update: ProgressUpdate): Promise<void>;
  revokeLinks(input: { verificationId: string }): Promise<void>;
  /** Generates the questions once; how many there are and what they weigh together. */
  prepareChallenge(input: { verificationId: string; userId: string; questionsAsked: number }): Promise<{
    questionCount: number;
    questionWeight: number;
  }>;
  gradeAnswer(input: AnswerInput & { verificationId: string }): Promise<GradedAnswer>;
  assessRisk(input: {
    verificationId: string;
    userId: string;
    session: ClientSignals;
    signals: ClientSignals;
    stepUp?: StepUpResult;
  }): Promise<RiskAssessment>;
  /** The IdP action after an accepted approval, once (the `manual` connector records it). */
  runResetConnector(input: { verificationId: string; userId: string; approval: Approval }): Promise<ConnectorResult>;
  /** Tells the user on an independent channel that their account was changed. */
  completeReset(input: { verificationId: string; userId: string; approval: Approval }): Promise<void>;
}
