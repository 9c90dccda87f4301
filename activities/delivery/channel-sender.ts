import type { MessageSender, OutgoingMessage, SendContext, SendResult } from './message-sender';

/** Sends each message through its channel's sender: SMS by Twilio, email by SMTP, or the dev outbox. */
export class ChannelSender implements MessageSender {
  constructor(private readonly senders: Record<OutgoingMessage['channel'], MessageSender>) {}

  send(message: OutgoingMessage, context: SendContext): Promise<SendResult> {
    return this.senders[message.channel].send(message, context);
  }
}
