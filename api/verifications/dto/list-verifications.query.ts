import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDateTime } from '../../common/date-time';
import { OUTCOMES, type Outcome, STATUSES, type VerificationStatus } from '../../../workflows/verification/model';

export class ListVerificationsQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: VerificationStatus;
  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsIn(OUTCOMES) outcome?: Outcome;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) initiatedBy?: string;
  @ApiPropertyOptional({ description: 'User id or email' }) @IsOptional() @IsString() @Length(1, 320) user?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(10) minRisk?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(10) maxRisk?: number;
  @ApiPropertyOptional({ description: 'Free text: user name or email, ticket reference' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) cursor?: string;
}
