import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  Approval,
  CancelReason,
  ConnectorResult,
  Channel,
  Outcome,
  Reason,
  Receipt,
  RiskAssessment,
  StepUpResult,
  VerificationPolicy,
  VerificationStatus,
} from '../../../workflows/verification/model';
import type { ProofResult } from '../../../workflows/verification/assurance';

/** The verification as the API and the console read it: a projection the workflow keeps current. */
@Entity('verifications')
@Index(['userId', 'createdAt'])
export class VerificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'workflow_id' }) workflowId: string;
  @Column({ name: 'user_id' }) userId: string;
  @Column({ name: 'user_email' }) userEmail: string;
  @Column({ name: 'user_name' }) userName: string;
  @Column({ type: 'text' }) channel: Channel;
  /** Where the link went. PII: never logged, never sent to Temporal. */
  @Column() destination: string;
  @Column({ name: 'destination_masked' }) destinationMasked: string;
  @Column({ type: 'text' }) reason: Reason;
  @Column({ name: 'ticket_ref', type: 'text', nullable: true }) ticketRef: string | null;
  @Column({ name: 'initiated_by' }) initiatedBy: string;
  @Column({ type: 'text' }) status: VerificationStatus;
  @Column({ type: 'text', nullable: true }) outcome: Outcome | null;
  @Column({ name: 'outcome_reason', type: 'text', nullable: true }) outcomeReason: string | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: CancelReason | null;
  @Column({ type: 'jsonb' }) policy: VerificationPolicy;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'link_expires_at', type: 'timestamptz', nullable: true }) linkExpiresAt: Date | null;
  @Column({ name: 'session_expires_at', type: 'timestamptz', nullable: true }) sessionExpiresAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'approval_deadline', type: 'timestamptz', nullable: true }) approvalDeadline: Date | null;
  @Column({ name: 'risk_score', type: 'real', nullable: true }) riskScore: number | null;
  @Column({ type: 'jsonb', nullable: true }) risk: RiskAssessment | null;
  @Column({ type: 'jsonb', nullable: true }) approval: Approval | null;
  /** 2 when the user is privileged (member of RESETGATE_PRIVILEGED_GROUPS): two approvers. */
  @Column({ name: 'required_approvals', type: 'smallint', default: 1 }) requiredApprovals: number;
  @Column({ type: 'jsonb', nullable: true }) approvals: Approval[] | null;
  @Column({ name: 'step_up', type: 'jsonb', nullable: true }) stepUp: StepUpResult | null;
  /** What the post-approval connector did at the IdP (manual: recorded only). */
  @Column({ name: 'connector_result', type: 'jsonb', nullable: true }) connectorResult: ConnectorResult | null;
  @Column({ name: 'superseded_by', type: 'uuid', nullable: true }) supersededBy: string | null;
  /** What the caller proved, step by step, under an assurance policy (docs/assurance.md). */
  @Column({ type: 'jsonb', nullable: true }) proofs: ProofResult[] | null;
  /** Why the verification ended as it did: proofs, recovery class, signals, reasons. */
  @Column({ type: 'jsonb', nullable: true }) receipt: Receipt | null;
  /** After `needs_referee`: the named second person's check, recorded once. */
  @Column({ name: 'referee_check', type: 'jsonb', nullable: true }) refereeCheck: RefereeCheck | null;
}

export const REFEREE_METHODS = ['in_person', 'video'] as const;
export const REFEREE_VERDICTS = ['confirmed', 'refused'] as const;

/**
 * A check in person or on video by a named second person, after the proofs could not decide
 * (docs/assurance.md). It is a record for auditors and the team, not a pass: the workflow's
 * approval stays closed, and the reset follows the organisation's own in-person procedure.
 */
export interface RefereeCheck {
  /** `user:<email>` of the referee: never the agent who started the verification. */
  referee: string;
  method: (typeof REFEREE_METHODS)[number];
  verdict: (typeof REFEREE_VERDICTS)[number];
  /** What the referee saw and checked, in their words (the document type, who joined the call). */
  evidence: string;
  at: string;
}
