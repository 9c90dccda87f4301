import type { components, operations } from './schema';

/*
 * The console's names for the API's shapes. All are generated from the OpenAPI document
 * (schema.ts, `npm run openapi`); the API's response DTOs are named beside each alias, and
 * test/openapi checks real answers against them.
 */
type Schemas = components['schemas'];

export type Role = Schemas['ConsoleUserView']['roles'][number];
export type ConsoleSession = Schemas['ConsoleSessionView'];
export type CreateVerification = Schemas['CreateVerificationDto'];
export type ResetAction = Schemas['ResetApprovalDto']['action'];
export type Reason = CreateVerification['reason'];
export type Channel = CreateVerification['channel'];
type ListQuery = NonNullable<operations['VerificationsController_list']['parameters']['query']>;
export type VerificationStatus = NonNullable<ListQuery['status']>;
export type Outcome = NonNullable<ListQuery['outcome']>;

/** api/verifications/dto/verification.view.dto.ts */
export type VerificationView = Schemas['VerificationView'];
export type VerificationDetail = Schemas['VerificationDetail'];
export type VerificationPage = Schemas['VerificationPage'];
export type Approval = Schemas['ApprovalView'];
export type SessionContext = Schemas['SessionContextView'];
export type RiskCategory = keyof Schemas['RiskSummary'];
export type Proof = Schemas['ProofView'];
export type AssurancePolicy = Schemas['AssurancePolicyView'];
export type ProofKind = Proof['kind'];
export type ProofStatus = Proof['status'];
export type Receipt = Schemas['ReceiptView'];
export type RecoveryClass = NonNullable<Receipt['recoveryClass']>;
export type RefereeCheck = Schemas['RefereeCheckView'];

/** api/verifications/dto/referee-check.dto.ts */
export type RefereeCheckInput = Schemas['RefereeCheckDto'];

/** api/verifications/dto/transcript.dto.ts */
export type TranscriptItem = Schemas['TranscriptItemView'];
export type Transcript = Schemas['TranscriptView'];

/** api/replay/dto/replay-verdict.dto.ts */
export type ReplayVerdict = Schemas['ReplayVerdictView'];

/** api/directory/dto/directory-user.view.dto.ts */
export type DirectoryUser = Schemas['DirectoryUserView'];

/** api/audit/dto/audit-event.view.dto.ts */
export type AuditEvent = Schemas['AuditEventView'];
export type AuditPage = Schemas['AuditEventPage'];
export type ChainVerdict = Schemas['ChainVerdictView'];

/** api/dashboard/dto/verification-stats.dto.ts */
export type OutcomeCounts = Schemas['OutcomeCounts'];
export type Stats = Schemas['VerificationStatsView'];

/** api/settings/dto/settings.view.dto.ts */
export type Settings = Schemas['SettingsView'];

/** api/auth/dto/api-key.dto.ts */
export type ApiKey = Schemas['ApiKeyView'];
export type CreatedApiKey = Schemas['CreatedApiKey'];

/** api/settings/dto/update-policy.dto.ts and settings.view.dto.ts */
export type PolicyEdit = Schemas['UpdatePolicyDto'];
export type PolicyVersion = Schemas['PolicyVersionView'];

/** api/directory/dto/directory-sync.view.dto.ts */
export type DirectorySync = Schemas['DirectorySyncView'];
export type DirectorySource = Schemas['DirectorySourceView'];
