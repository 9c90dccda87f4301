import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** An optional ITSM ticket reference ("INC-20431"): short, and nothing that could be markup. */
export const TicketRef = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 'INC-20431' }),
    IsOptional(),
    IsString(),
    Length(1, 64),
    Matches(/^[\w.:#/-]+$/, { message: 'ticketRef may hold letters, digits and . : # / - _ only' }),
  );
