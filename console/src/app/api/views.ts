import type { components, operations } from './schema';

/*
 * Response shapes the OpenAPI document does not declare yet (its operations answer `content?: never`
 * until the API adds response DTOs). Each is written from the API's own view function, named beside
 * it; requests stay fully typed by schema.ts.
 */

export type Role = components['schemas']['ConsoleUserView']['roles'][number];
export type ConsoleSession = components['schemas']['ConsoleSessionView'];
export type CreateVerification = components['schemas']['CreateVerificationDto'];
export type ResetAction = components['schemas']['ResetApprovalDto']['action'];
export type Reason = CreateVerification['reason'];
export type Channel = CreateVerification['channel'];
type ListQuery = NonNullable<operations['VerificationsController_list']['parameters']['query']>;
export type VerificationStatus = NonNullable<ListQuery['status']>;
export type Outcome = NonNullable<ListQuery['outcome']>;
export type RiskCategory = 'network' | 'endpoint' | 'persona' | 'challenge';

export interface Approval {
  action: ResetAction;
  approvedBy: string;
  approvedAt: string;
  note?: string | null;
  ticketRef?: string | null;
}

/** workflows/model.ts SessionContext */
export interface SessionContext {
  ipCountry: string | null;
  asn: number | null;
  asOrganisation: string | null;
  networkKind: string;
  deviceFamily: string | null;
  platform: string | null;
  timezone: string | null;
}

/** api/verifications/verification.view.ts */
export interface VerificationView {
  id: string;
  status: VerificationStatus;
  outcome: Outcome | null;
  outcomeReason: string | null;
  cancelReason: 'agent' | 'superseded' | 'delivery_failed' | null;
  user: { id: string; email: string; name: string };
  channel: Channel;
  destinationMasked: string;
  reason: Reason;
  ticketRef: string | null;
  initiatedBy: string;
  createdAt: string;
  linkExpiresAt: string | null;
  sessionExpiresAt: string | null;
  completedAt: string | null;
  approvalDeadline: string | null;
  /** Null before the risk is assessed, or for agents when the policy hides the number. */
  riskScore: number | null;
  summary: Record<RiskCategory, { points: number; factors: string[] }>;
  /** The caller's device and network as the risk score saw them (no IP address); null before the outcome. */
  session: SessionContext | null;
  resetAction: Approval | null;
  /** The caller's optional sign-in with their work account during the SSP. */
  stepUp: { matched: boolean; issuer: string; at: string } | null;
  /** Two for privileged targets (four-eyes rule). */
  requiredApprovals: number;
  approvals: Approval[];
  policyVersion: string;
  supersededBy: string | null;
}

/** api/verifications/list-verifications.ts */
export interface VerificationPage {
  items: VerificationView[];
  nextCursor: string | null;
  total: number;
}

/** VerificationsService.transcript */
export interface TranscriptItem {
  position: number;
  kind: string;
  type: 'single' | 'multi' | 'text';
  text: string;
  options: string[];
  answer: string | string[] | null;
  grade: 'correct' | 'partial' | 'incorrect' | 'skipped' | null;
  score: number | null;
  elapsedMs: number | null;
  pasted: boolean | null;
  answeredAt: string | null;
}
export interface Transcript {
  verificationId: string;
  items: TranscriptItem[];
}

/** api/replay/replay-verification.ts */
export interface ReplayVerdict {
  workflowId: string;
  deterministic: boolean;
  error?: string;
  timeline: { at: string; event: string; detail: string }[];
}

/** api/directory/directory.controller.ts */
export interface DirectoryUser {
  id: string;
  email: string;
  name: string;
  title: string | null;
  department: string | null;
  office: string | null;
  mobilePhoneMasked: string | null;
  personalEmailMasked: string | null;
}

/** api/audit/audit.controller.ts */
export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  sourceIp: string | null;
  details: Record<string, unknown>;
  hash: string | null;
}
export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}
/** api/audit/audit-chain.ts */
export interface ChainVerdict {
  intact: boolean;
  checked: number;
  firstBroken: { id: string; reason: string } | null;
}

export type OutcomeCounts = Record<Outcome, number>;

/** api/dashboard/verification-stats.ts */
export interface Stats {
  from: string;
  to: string;
  total: number;
  open: number;
  byOutcome: OutcomeCounts;
  rates: Record<Exclude<Outcome, 'cancelled'>, number>;
  medianSecondsToComplete: number | null;
  perDay: ({ date: string } & OutcomeCounts)[];
  riskHistogram: { score: number; count: number }[];
}

/** api/settings/settings.controller.ts */
export interface Settings {
  policy: {
    version: string;
    linkLifetimeSeconds: number;
    sessionLifetimeSeconds: number;
    questionsAsked: number;
    minAnswered: number;
    passThreshold: number;
    riskStepUp: number;
    maxRisk: number;
    approvalWindowSeconds: number;
  };
  limits: { maxVerificationsPerUserPerDay: number };
  organisationDomains: string[];
  privilegedGroups: string[];
  agentsSeeRiskScore: boolean;
  sso: { issuer: string; devIdp: boolean; rolesClaim: string; roleGroups: Record<Role, string[]> };
}

export type ApiKey = components['schemas']['ApiKeyView'];
export type CreatedApiKey = components['schemas']['CreatedApiKey'];
