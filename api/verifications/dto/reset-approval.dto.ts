import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { RESET_ACTIONS, type ResetAction } from '../../../workflows/model';

export class ResetApprovalDto {
  @ApiProperty({ enum: RESET_ACTIONS })
  @IsIn(RESET_ACTIONS)
  action: ResetAction;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;

  @ApiPropertyOptional({ example: 'INC-20431' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[\w.:#/-]+$/, { message: 'ticketRef may hold letters, digits and . : # / - _ only' })
  ticketRef?: string;
}
