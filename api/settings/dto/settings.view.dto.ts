import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSURANCE_MODES, type AssuranceMode } from '../../../core/config/app-config';
import { PROOF_KINDS, type ProofKind } from '../../../workflows/verification/assurance';

/** The verification policy in force (workflows/verification/model.ts VerificationPolicy). */
export class PolicyView {
  @ApiProperty() version: string;
  @ApiProperty() linkLifetimeSeconds: number;
  @ApiProperty() sessionLifetimeSeconds: number;
  @ApiProperty() questionsAsked: number;
  @ApiProperty() minQuestions: number;
  @ApiProperty() minAnswered: number;
  @ApiProperty() passThreshold: number;
  @ApiPropertyOptional() riskStepUp?: number;
  @ApiProperty() maxRisk: number;
  @ApiProperty() approvalWindowSeconds: number;
  @ApiPropertyOptional() idpStepUp?: boolean;
}

export class StrongProofsView {
  @ApiProperty({ description: 'At least this many different kinds from `from`' }) count: number;
  @ApiProperty({ enum: PROOF_KINDS, isArray: true }) from: ProofKind[];
}

/** Which combinations of proofs pass (workflows/verification/assurance.ts AssurancePolicy). */
export class AssurancePolicyView {
  @ApiProperty({ description: 'standard or privileged: the name verifications and receipts carry' }) name: string;
  @ApiProperty({ enum: PROOF_KINDS, isArray: true, description: 'Each must be met' }) required: ProofKind[];
  @ApiProperty({ type: StrongProofsView }) strong: StrongProofsView;
}

/** What decides a verification (docs/assurance.md). */
export class AssuranceSettingsView {
  @ApiProperty({ enum: ASSURANCE_MODES, description: '`questions`: the earlier rule; `proofs`: the policies decide' })
  mode: AssuranceMode;
  @ApiProperty({ type: AssurancePolicyView, description: 'Everyone but the members of the privileged groups' })
  standard: AssurancePolicyView;
  @ApiProperty({ type: AssurancePolicyView, description: 'Members of the privileged groups' }) privileged: AssurancePolicyView;
}

export class LimitsView {
  @ApiProperty() maxVerificationsPerUserPerDay: number;
}

/** The IdP groups that grant each console role. */
export class RoleGroupsView {
  @ApiProperty({ type: [String] }) admin: string[];
  @ApiProperty({ type: [String] }) agent: string[];
  @ApiProperty({ type: [String] }) auditor: string[];
}

export class SsoSettingsView {
  @ApiProperty() issuer: string;
  @ApiProperty({ description: 'Whether the built-in development IdP is in use' }) devIdp: boolean;
  @ApiProperty() rolesClaim: string;
  @ApiProperty({ type: RoleGroupsView }) roleGroups: RoleGroupsView;
}

/** Where directory syncs read people from (never the SCIM token). */
export class DirectorySourceView {
  @ApiProperty({ enum: ['scim', 'file'] }) kind: 'scim' | 'file';
  @ApiProperty({ description: 'The SCIM base URL, or the file the worker reads' }) location: string;
  @ApiProperty({ description: 'How often the scheduled sync runs' }) intervalMinutes: number;
}

/** Who saved the policy version in force, when and why; null while the environment's first values apply. */
export class PolicySourceView {
  @ApiProperty() changedBy: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty() note: string;
}

/** The settings in force; never a secret. */
export class SettingsView {
  @ApiProperty({ type: PolicyView }) policy: PolicyView;
  @ApiProperty({ type: PolicySourceView, nullable: true }) policySource: PolicySourceView | null;
  @ApiProperty({ type: LimitsView }) limits: LimitsView;
  @ApiProperty({ type: [String] }) organisationDomains: string[];
  @ApiProperty({ type: [String] }) privilegedGroups: string[];
  @ApiProperty() agentsSeeRiskScore: boolean;
  @ApiProperty({ type: AssuranceSettingsView }) assurance: AssuranceSettingsView;
  @ApiProperty({ type: SsoSettingsView }) sso: SsoSettingsView;
  @ApiProperty({ type: DirectorySourceView, nullable: true, description: 'null: no connector; the directory is imported by hand' })
  directorySource: DirectorySourceView | null;
}

/** One saved version of the policies and limits. */
export class PolicyVersionView extends PolicySourceView {
  @ApiProperty() version: string;
  @ApiProperty({ type: PolicyView }) policy: PolicyView;
  @ApiProperty({ type: LimitsView }) limits: LimitsView;
  @ApiProperty({ type: [String] }) privilegedGroups: string[];
  @ApiProperty() agentsSeeRiskScore: boolean;
  @ApiProperty({
    type: AssuranceSettingsView,
    nullable: true,
    description: 'Null for a version saved before assurance was part of it: RESETGATE_ASSURANCE and the built-in policies applied',
  })
  assurance: AssuranceSettingsView | null;
}

export class PolicyVersionList {
  @ApiProperty({ type: [PolicyVersionView], description: 'Newest first; the environment’s first values are not listed' })
  items: PolicyVersionView[];
}
