import { ApiProperty } from '@nestjs/swagger';
import { TicketRef } from './ticket-ref';
import { IsIn, IsString, Length } from 'class-validator';
import { CHANNELS, type Channel, REASONS, type Reason } from '../../../workflows/verification/model';

export class CreateVerificationDto {
  @ApiProperty({ description: 'The target user: directory id or corporate email', example: 'priya.patel@example.com' })
  @IsString()
  @Length(1, 320)
  user: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ description: 'E.164 phone number for sms; a personal (non-organisation) address for email', example: '+447700900123' })
  @IsString()
  @Length(3, 320)
  destination: string;

  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS)
  reason: Reason;

  @TicketRef()
  ticketRef?: string;
}
