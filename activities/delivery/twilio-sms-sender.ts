import twilio from 'twilio';
import type { TwilioConfig } from '../../core/config/integrations-config';
import { deliveryRefused } from './delivery-refused';
import { twilioClient } from './twilio-client';
import type { MessageSender, OutgoingMessage, SendResult } from './message-sender';
import { isMessageStatus } from '../../core/delivery/message-status';

/** SMS through Twilio's Messages API, with a status callback for each message. */
export class TwilioSmsSender implements MessageSender {
  private readonly client: twilio.Twilio;

  constructor(
    private readonly config: TwilioConfig,
    private readonly statusCallback: string,
  ) {
    this.client = twilioClient(config);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.channel !== 'sms') throw new Error(`TwilioSmsSender sends SMS, not ${message.channel}`);
    const sender = this.config.messagingServiceSid ? { messagingServiceSid: this.config.messagingServiceSid } : { from: this.config.from! };
    try {
      const sent = await this.client.messages.create({
        to: message.to,
        body: message.body,
        statusCallback: this.statusCallback,
        ...sender,
      });
      return { provider: 'twilio', providerMessageId: sent.sid, status: isMessageStatus(sent.status) ? sent.status : undefined };
    } catch (err) {
      throw classify(err);
    }
  }
}

/**
 * 4xx answers (an invalid or unreachable number, a blocked sender) are final; 429, 5xx and
 * network failures are not, and the activity's retry policy tries again.
 */
function classify(err: unknown): unknown {
  if (err instanceof twilio.RestException && err.status >= 400 && err.status < 500 && err.status !== 429) {
    return deliveryRefused('Twilio', `${err.status} ${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' ').trim());
  }
  return err;
}
