import { REFEREE_METHODS, REFEREE_VERDICTS, type RefereeCheck } from '../../../core/database/entities';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNELS,
  type CancelReason,
  type Channel,
  OUTCOMES,
  type Outcome,
  REASONS,
  RESET_ACTIONS,
  type Reason,
  type ResetAction,
  STATUSES,
  type VerificationStatus,
} from '../../../workflows/verification/model';
import { PROOF_KINDS, type ProofKind, type ProofStatus, type RecoveryClass } from '../../../workflows/verification/assurance';

const PROOF_STATUSES: ProofStatus[] = ['met', 'failed', 'against', 'unavailable', 'pending'];
const RECOVERY_CLASSES: RecoveryClass[] = ['two_recovery_codes', 'recovery_code_and_authenticator', 'repeated_identity_proofing'];

/**
 * The verification as the API answers it (verification.view.ts builds it). The console's generated
 * client is typed from these classes, and test/openapi checks real answers against them.
 */
export class VerificationUserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class RiskCategorySummary {
  @ApiProperty() points: number;
  @ApiProperty({ type: [String] }) factors: string[];
}

export class RiskSummary {
  @ApiProperty({ type: RiskCategorySummary }) network: RiskCategorySummary;
  @ApiProperty({ type: RiskCategorySummary }) endpoint: RiskCategorySummary;
  @ApiProperty({ type: RiskCategorySummary }) persona: RiskCategorySummary;
  @ApiProperty({ type: RiskCategorySummary }) challenge: RiskCategorySummary;
}

/** The caller's device and network as the risk score saw them. No IP address. */
export class SessionContextView {
  @ApiProperty({ nullable: true, type: String }) ipCountry: string | null;
  @ApiProperty({ nullable: true, type: Number }) asn: number | null;
  @ApiProperty({ nullable: true, type: String }) asOrganisation: string | null;
  @ApiProperty() networkKind: string;
  @ApiProperty({ nullable: true, type: String }) deviceFamily: string | null;
  @ApiProperty({ nullable: true, type: String }) platform: string | null;
  @ApiProperty({ nullable: true, type: String }) timezone: string | null;
}

export class ApprovalView {
  @ApiProperty({ enum: RESET_ACTIONS }) action: ResetAction;
  @ApiProperty() approvedBy: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() ticketRef?: string;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
}

/** The caller's optional sign-in with their work account during the SSP. */
export class StepUpResultView {
  @ApiProperty() matched: boolean;
  @ApiProperty() issuer: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** What the post-approval connector did at the IdP (manual: recorded only). */
export class ConnectorResultView {
  @ApiProperty() connector: string;
  @ApiProperty({ enum: RESET_ACTIONS }) action: ResetAction;
  @ApiProperty({ enum: ['recorded', 'succeeded', 'failed'] }) status: 'recorded' | 'succeeded' | 'failed';
  @ApiProperty() detail: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class StrongProofsView {
  @ApiProperty({ description: 'How many different kinds from `from` must be met' }) count: number;
  @ApiProperty({ enum: PROOF_KINDS, isArray: true }) from: ProofKind[];
}

/** The assurance policy a verification is decided by, as it was when it started (docs/assurance.md). */
export class AssurancePolicyView {
  @ApiProperty({ description: 'standard, privileged' }) name: string;
  @ApiProperty({ enum: PROOF_KINDS, isArray: true, description: 'Each must be met' }) required: ProofKind[];
  @ApiProperty({ type: StrongProofsView }) strong: StrongProofsView;
}

/** One proof: what the caller holds or who vouched, as its step ended (docs/assurance.md). */
export class ProofView {
  @ApiProperty({ enum: PROOF_KINDS }) kind: ProofKind;
  @ApiProperty({ enum: PROOF_STATUSES }) status: ProofStatus;
  @ApiProperty({ description: 'What was checked and what it showed, in plain words' }) detail: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    description: 'Structured evidence for auditors (carrier data, sign-in method, …); never a secret',
  })
  evidence?: Record<string, string | number | boolean | null>;
}

export class ReceiptSignalsView {
  @ApiProperty() challengeScore: number;
  @ApiProperty() answered: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Null for agents when the policy hides the number' })
  riskScore: number | null;
}

/** Why a verification ended as it did: the proofs, the recovery class they satisfy, the signals, the reasons. */
export class ReceiptView {
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({ nullable: true, type: String, description: 'The assurance policy that decided; null when the question rule did' })
  assurance: string | null;
  @ApiProperty({ type: [ProofView] }) proofs: ProofView[];
  @ApiProperty({ enum: RECOVERY_CLASSES, nullable: true, description: 'The NIST SP 800-63B-4 recovery class the proofs satisfy' })
  recoveryClass: RecoveryClass | null;
  @ApiProperty({ enum: PROOF_KINDS, isArray: true, description: 'The proofs that made the pass' }) decidedBy: ProofKind[];
  @ApiProperty({
    type: ReceiptSignalsView,
    nullable: true,
    description: 'Null when the session did not end with graded answers (no link used, timed out, cancelled)',
  })
  signals: ReceiptSignalsView | null;
  @ApiProperty({ type: [String], description: 'Why it passed, or why each failed step failed' }) reasons: string[];
}

export class VerificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STATUSES }) status: VerificationStatus;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome: Outcome | null;
  @ApiProperty({ nullable: true, type: String }) outcomeReason: string | null;
  @ApiProperty({ enum: ['agent', 'superseded', 'delivery_failed'], nullable: true }) cancelReason: CancelReason | null;
  @ApiProperty({ type: VerificationUserView }) user: VerificationUserView;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty() destinationMasked: string;
  @ApiProperty({ enum: REASONS }) reason: Reason;
  @ApiProperty({ nullable: true, type: String }) ticketRef: string | null;
  @ApiProperty() initiatedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) linkExpiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sessionExpiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvalDeadline: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Null before the risk is assessed, or for agents when the policy hides the number',
  })
  riskScore: number | null;
  @ApiProperty({ type: RiskSummary }) summary: RiskSummary;
  @ApiProperty({ type: SessionContextView, nullable: true, description: 'Null before the outcome' }) session: SessionContextView | null;
  @ApiProperty({ type: ApprovalView, nullable: true, description: 'The first approval' }) resetAction: ApprovalView | null;
  @ApiProperty({ type: StepUpResultView, nullable: true }) stepUp: StepUpResultView | null;
  @ApiProperty({ description: 'Two for privileged targets (four-eyes rule)' }) requiredApprovals: number;
  @ApiProperty({ type: [ApprovalView] }) approvals: ApprovalView[];
  @ApiProperty({ type: ConnectorResultView, nullable: true }) connectorResult: ConnectorResultView | null;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supersededBy: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The assurance policy deciding it (standard, privileged); null under the question rule',
  })
  assurance: string | null;
  @ApiProperty({ type: AssurancePolicyView, nullable: true, description: 'What passes under that policy; null under the question rule' })
  assurancePolicy: AssurancePolicyView | null;
  @ApiProperty({ type: [ProofView], description: 'The proofs so far, live' }) proofs: ProofView[];
  @ApiProperty({ type: ReceiptView, nullable: true, description: 'Written with the outcome' }) receipt: ReceiptView | null;
  @ApiProperty({ type: () => RefereeCheckView, nullable: true, description: 'After needs_referee: the second person’s check' })
  refereeCheck: RefereeCheckView | null;
}

/** The check in person or on video by a named second person, after `needs_referee`: a record, not a pass. */
export class RefereeCheckView {
  @ApiProperty({ description: 'Who checked: `user:<email>`, never the agent who started the verification' }) referee: string;
  @ApiProperty({ enum: REFEREE_METHODS }) method: RefereeCheck['method'];
  @ApiProperty({ enum: REFEREE_VERDICTS }) verdict: RefereeCheck['verdict'];
  @ApiProperty({ description: 'What the referee saw and checked, in their words' }) evidence: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** A message sent for a verification (the link, the reset notice) with its delivery status. */
export class DeliveryView {
  @ApiProperty() purpose: string;
  @ApiProperty() channel: string;
  @ApiProperty() destinationMasked: string;
  @ApiProperty() provider: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The provider’s latest word (Twilio: queued, sent, delivered, undelivered, failed…); null for the dev outbox',
  })
  status: string | null;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) statusAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** One verification as GET /{id}, create and cancel answer it: with its deliveries. */
export class VerificationDetail extends VerificationView {
  @ApiProperty({ type: [DeliveryView] }) deliveries: DeliveryView[];
}

export class VerificationPage {
  @ApiProperty({ type: [VerificationView] }) items: VerificationView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
  @ApiProperty({ description: 'Every verification matching the filters' }) total: number;
}
