import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { isMessageStatus } from '../../core/delivery/message-status';
import { Public } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { MessageStatuses } from './message-statuses.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/** Twilio's message status callbacks: the delivery status an agent sees on the verification. */
@ApiTags('twilio')
@Controller('api/v1/twilio')
export class TwilioStatusController {
  constructor(private readonly statuses: MessageStatuses) {}

  @Post('status')
  @Public()
  @UseGuards(TwilioSignatureGuard)
  @HttpCode(204)
  @ApiOperation({ summary: 'Twilio message status callback; accepted only with a valid X-Twilio-Signature' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['MessageSid', 'MessageStatus'],
      properties: { MessageSid: { type: 'string' }, MessageStatus: { type: 'string' }, ErrorCode: { type: 'string' } },
    },
  })
  async status(@Req() request: Request): Promise<void> {
    // Twilio sends many more fields than these and may add new ones: read what we need, ignore the rest.
    const { MessageSid: sid, MessageStatus: status, ErrorCode: errorCode } = request.body as Record<string, unknown>;
    if (typeof sid !== 'string' || !/^(SM|MM)[0-9a-f]{32}$/i.test(sid)) {
      throw new ProblemException('validation', 'MessageSid must be a Twilio message SID.');
    }
    if (!isMessageStatus(status)) throw new ProblemException('validation', `MessageStatus "${String(status)}" is not a message status.`);
    if (errorCode !== undefined && errorCode !== '' && (typeof errorCode !== 'string' || !/^\d{1,6}$/.test(errorCode))) {
      throw new ProblemException('validation', 'ErrorCode must be a Twilio error code.');
    }
    await this.statuses.record({
      provider: 'twilio',
      providerMessageId: sid,
      status,
      errorCode: errorCode || null,
    });
  }
}
