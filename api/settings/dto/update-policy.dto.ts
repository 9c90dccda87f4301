import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSURANCE_MODES, type AssuranceMode } from '../../../core/config/app-config';
import { POLICY_BOUNDS as B } from '../../../core/policy/policy-settings';
import { PROOF_KINDS, type ProofKind } from '../../../workflows/verification/assurance';

const NO_CONTROL_CHARACTERS = /^\P{Cc}+$/u;

/** A number within one of POLICY_BOUNDS' ranges, documented with that range in the OpenAPI document. */
function InRange(range: { min: number; max: number }, options: { whole?: boolean; description?: string } = {}) {
  return applyDecorators(
    ApiProperty({ minimum: range.min, maximum: range.max, ...(options.description && { description: options.description }) }),
    options.whole ? IsInt() : IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(range.min),
    Max(range.max),
  );
}

/** The verification policy as an admin edits it; the server names the version. */
export class EditablePolicyDto {
  @InRange(B.linkLifetimeSeconds, { whole: true, description: 'SMS links are capped at 600 whatever this says' })
  linkLifetimeSeconds: number;

  @InRange(B.sessionLifetimeSeconds, { whole: true })
  sessionLifetimeSeconds: number;

  @InRange(B.questionsAsked, { whole: true })
  questionsAsked: number;

  @InRange(B.minAnswered, { whole: true, description: 'At most questionsAsked' })
  minAnswered: number;

  @InRange(B.passThreshold)
  passThreshold: number;

  @InRange(B.riskStepUp, { description: 'How much each risk point raises the pass threshold' })
  riskStepUp: number;

  @InRange(B.maxRisk, { description: 'A higher risk score fails whatever the answers' })
  maxRisk: number;

  @InRange(B.approvalWindowSeconds, { whole: true })
  approvalWindowSeconds: number;

  @ApiProperty({ description: 'Offer the sign-in at the organisation’s IdP in the SSP' })
  @IsBoolean()
  idpStepUp: boolean;
}

/** A list of proof kinds, each at most once. */
function ProofKinds(description: string) {
  return applyDecorators(
    ApiProperty({ enum: PROOF_KINDS, isArray: true, maxItems: PROOF_KINDS.length, description }),
    IsArray(),
    ArrayMaxSize(PROOF_KINDS.length),
    ArrayUnique(),
    IsIn(PROOF_KINDS, { each: true }),
  );
}

/** How many strong proofs, and from which kinds. */
export class EditableStrongProofsDto {
  @InRange(B.strongProofs, { whole: true, description: 'At most the number of kinds in `from`' })
  count: number;

  @ProofKinds('The kinds the strong proofs are taken from; none of them in `required`')
  from: ProofKind[];
}

/** Which combinations of proofs pass (docs/assurance.md); the server names it. */
export class EditableAssurancePolicyDto {
  @ProofKinds('Each of these must be met')
  required: ProofKind[];

  @ApiProperty({ type: EditableStrongProofsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EditableStrongProofsDto)
  strong: EditableStrongProofsDto;
}

/** What decides a verification, and which proofs pass under each policy. */
export class EditableAssuranceDto {
  @ApiProperty({ enum: ASSURANCE_MODES, description: '`questions`: the earlier rule; `proofs`: the policies below decide' })
  @IsIn(ASSURANCE_MODES)
  mode: AssuranceMode;

  @ApiProperty({ type: EditableAssurancePolicyDto, description: 'Everyone but the members of the privileged groups' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EditableAssurancePolicyDto)
  standard: EditableAssurancePolicyDto;

  @ApiProperty({
    type: EditableAssurancePolicyDto,
    description: 'Members of the privileged groups; at least as strict as the standard one',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EditableAssurancePolicyDto)
  privileged: EditableAssurancePolicyDto;
}

/** A new version of the policies and limits, replacing the one the admin loaded. */
export class UpdatePolicyDto {
  @ApiProperty({ description: 'The version this edit starts from (policy.version from GET /settings); a newer one in force gets a 409' })
  @IsString()
  @Length(1, 100)
  basedOnVersion: string;

  @ApiProperty({ description: 'Why the change is made, for the audit log', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'note must not contain control characters' })
  note: string;

  @ApiProperty({ type: EditablePolicyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EditablePolicyDto)
  policy: EditablePolicyDto;

  @InRange(B.maxVerificationsPerUserPerDay, { whole: true })
  maxVerificationsPerUserPerDay: number;

  @ApiProperty({ type: [String], description: 'Directory groups whose members need two different approvers', maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 256, { each: true })
  @Matches(NO_CONTROL_CHARACTERS, { each: true, message: 'group names must not contain control characters' })
  privilegedGroups: string[];

  @ApiProperty()
  @IsBoolean()
  agentsSeeRiskScore: boolean;

  @ApiPropertyOptional({ type: EditableAssuranceDto, description: 'Absent: the assurance in force is kept' })
  @ValidateIf((_dto, value) => value !== undefined) // null is refused, not taken as absent
  @IsObject()
  @ValidateNested()
  @Type(() => EditableAssuranceDto)
  assurance?: EditableAssuranceDto;
}
