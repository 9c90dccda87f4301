import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TicketRef } from './ticket-ref';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { RESET_ACTIONS, type ResetAction } from '../../../workflows/verification/model';

export class ResetApprovalDto {
  @ApiProperty({ enum: RESET_ACTIONS })
  @IsIn(RESET_ACTIONS)
  action: ResetAction;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;

  @TicketRef()
  ticketRef?: string;
}
