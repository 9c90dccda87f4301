import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { VouchHow } from '../../../core/database/entities';

export class VouchSignInDto {
  @ApiProperty({ description: 'The token from the vouch link’s fragment' })
  @IsString()
  @Length(20, 100)
  @Matches(/^[\w-]+$/, { message: 'token is not a ResetGate vouch token' })
  token: string;
}

export const VOUCH_DECISIONS = ['confirm', 'refuse'] as const;
export const VOUCH_HOWS: readonly VouchHow[] = ['video', 'in_person'];

export class VouchDecisionDto {
  @ApiProperty({ enum: VOUCH_DECISIONS, description: 'Confirm only after speaking to the person on video or in person' })
  @IsIn(VOUCH_DECISIONS)
  decision: (typeof VOUCH_DECISIONS)[number];

  @ApiPropertyOptional({ enum: VOUCH_HOWS, description: 'How you spoke to them; required to confirm' })
  @IsOptional()
  @IsIn(VOUCH_HOWS)
  how?: VouchHow;
}

export class VouchSignInStart {
  @ApiProperty({ description: 'Send the browser here: the organisation’s sign-in page' }) authorizationUrl: string;
}

export class VouchRequesterView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) department: string | null;
  @ApiProperty({ type: String, nullable: true }) office: string | null;
}

export class VouchOriginView {
  @ApiProperty({ type: String, nullable: true, description: 'The address the request came from' }) ip: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The browser and device, as it describes itself' }) device: string | null;
}

/** What the voucher sees: who is asking, why and from where, and until when they can answer. */
export class VouchRequestView {
  @ApiProperty({ type: VouchRequesterView }) requester: VouchRequesterView;
  @ApiProperty({ enum: ['manager'] }) relation: 'manager';
  @ApiProperty({ description: 'Why the helpdesk is verifying them, in words' }) reason: string;
  @ApiProperty({ type: String, nullable: true }) ticketRef: string | null;
  @ApiProperty({ description: 'Who started the verification: the agent’s address, or the integration' }) agent: string;
  @ApiProperty({ format: 'date-time' }) askedAt: string;
  @ApiProperty({ type: VouchOriginView }) from: VouchOriginView;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['signed_in', 'confirmed', 'refused', 'closed'] }) status: string;
}

export class VouchDecisionResult {
  @ApiProperty({ enum: ['confirmed', 'refused'] }) status: 'confirmed' | 'refused';
}

/** The SSP user's side: whether they can ask for a vouch, and where the request stands. */
export class SspVouchView {
  @ApiProperty({ description: 'Whether the user can ask someone to vouch now' }) offered: boolean;
  @ApiProperty({
    enum: ['none', 'pending', 'met', 'against', 'unavailable', 'failed'],
    description: 'none: not asked yet; pending: waiting for the answer',
  })
  status: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who was asked, by name' }) voucherName: string | null;
  @ApiProperty({ description: 'In plain words' }) detail: string;
}
