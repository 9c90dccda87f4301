import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ArrayMaxSize,
  ValidateNested,
} from 'class-validator';

/** What the SSP page observes silently. Every field is optional and bounded. */
export class ClientSignalsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) timezone?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(0, 35, { each: true })
  languages?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 40) screen?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() webdriver?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000) pasteCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000) focusLossCount?: number;
  @ApiPropertyOptional({ description: 'Client hint: navigator.userAgentData.platform' })
  @IsOptional()
  @IsString()
  @Length(0, 40)
  platform?: string;
  @ApiPropertyOptional({ description: 'Client hint: navigator.userAgentData.mobile' }) @IsOptional() @IsBoolean() mobile?: boolean;
}

export class StartSessionDto {
  @ApiProperty({ description: 'The token from the link’s fragment' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[\w-]+$/, { message: 'token is not a ResetGate link token' })
  token: string;

  @ApiPropertyOptional({ type: ClientSignalsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientSignalsDto)
  signals?: ClientSignalsDto;
}

export class AnswerDto {
  @ApiProperty() @IsUUID() questionId: string;

  @ApiProperty({
    nullable: true,
    description: 'null to skip; { optionId } for single choice, { optionIds } for multi-select, { text } for free text',
  })
  @IsOptional()
  @IsObject()
  answer: { optionId?: unknown; optionIds?: unknown; text?: unknown } | null;

  @ApiProperty() @IsInt() @Min(0) @Max(86_400_000) elapsedMs: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pasted?: boolean;
}

export class FinishDto {
  @ApiPropertyOptional({ type: ClientSignalsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientSignalsDto)
  signals?: ClientSignalsDto;
}
