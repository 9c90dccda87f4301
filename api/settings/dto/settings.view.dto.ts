import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The verification policy in force (workflows/model.ts VerificationPolicy), each set by an environment variable. */
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

/** The settings in force; never a secret. */
export class SettingsView {
  @ApiProperty({ type: PolicyView }) policy: PolicyView;
  @ApiProperty({ type: LimitsView }) limits: LimitsView;
  @ApiProperty({ type: [String] }) organisationDomains: string[];
  @ApiProperty({ type: [String] }) privilegedGroups: string[];
  @ApiProperty() agentsSeeRiskScore: boolean;
  @ApiProperty({ type: SsoSettingsView }) sso: SsoSettingsView;
}
