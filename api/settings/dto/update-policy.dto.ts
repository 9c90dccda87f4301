import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { POLICY_BOUNDS as B } from '../policy-settings';

const NO_CONTROL_CHARACTERS = /^\P{Cc}+$/u;

/** The verification policy as an admin edits it; the server names the version. */
export class EditablePolicyDto {
  @ApiProperty({
    minimum: B.linkLifetimeSeconds.min,
    maximum: B.linkLifetimeSeconds.max,
    description: 'SMS links are capped at 600 whatever this says',
  })
  @IsInt()
  @Min(B.linkLifetimeSeconds.min)
  @Max(B.linkLifetimeSeconds.max)
  linkLifetimeSeconds: number;

  @ApiProperty({ minimum: B.sessionLifetimeSeconds.min, maximum: B.sessionLifetimeSeconds.max })
  @IsInt()
  @Min(B.sessionLifetimeSeconds.min)
  @Max(B.sessionLifetimeSeconds.max)
  sessionLifetimeSeconds: number;

  @ApiProperty({ minimum: B.questionsAsked.min, maximum: B.questionsAsked.max })
  @IsInt()
  @Min(B.questionsAsked.min)
  @Max(B.questionsAsked.max)
  questionsAsked: number;

  @ApiProperty({ minimum: B.minAnswered.min, maximum: B.minAnswered.max, description: 'At most questionsAsked' })
  @IsInt()
  @Min(B.minAnswered.min)
  @Max(B.minAnswered.max)
  minAnswered: number;

  @ApiProperty({ minimum: B.passThreshold.min, maximum: B.passThreshold.max })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(B.passThreshold.min)
  @Max(B.passThreshold.max)
  passThreshold: number;

  @ApiProperty({ minimum: B.riskStepUp.min, maximum: B.riskStepUp.max, description: 'How much each risk point raises the pass threshold' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(B.riskStepUp.min)
  @Max(B.riskStepUp.max)
  riskStepUp: number;

  @ApiProperty({ minimum: B.maxRisk.min, maximum: B.maxRisk.max, description: 'A higher risk score fails whatever the answers' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(B.maxRisk.min)
  @Max(B.maxRisk.max)
  maxRisk: number;

  @ApiProperty({ minimum: B.approvalWindowSeconds.min, maximum: B.approvalWindowSeconds.max })
  @IsInt()
  @Min(B.approvalWindowSeconds.min)
  @Max(B.approvalWindowSeconds.max)
  approvalWindowSeconds: number;

  @ApiProperty({ description: 'Offer the sign-in at the organisation’s IdP in the SSP' })
  @IsBoolean()
  idpStepUp: boolean;
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

  @ApiProperty({ minimum: B.maxVerificationsPerUserPerDay.min, maximum: B.maxVerificationsPerUserPerDay.max })
  @IsInt()
  @Min(B.maxVerificationsPerUserPerDay.min)
  @Max(B.maxVerificationsPerUserPerDay.max)
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
}
