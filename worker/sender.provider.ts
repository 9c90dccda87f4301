import type { Provider } from '@nestjs/common';
import { ChannelSender } from '../activities/delivery/channel-sender';
import { DevOutboxSender } from '../activities/delivery/dev-outbox-sender';
import type { MessageSender } from '../activities/delivery/message-sender';
import { SmtpEmailSender } from '../activities/delivery/smtp-email-sender';
import { TwilioSmsSender } from '../activities/delivery/twilio-sms-sender';
import { twilioStatusCallbackUrl } from '../core/delivery/twilio-callback';
import { AppConfig } from '../core/config/app-config';

export const MESSAGE_SENDER = Symbol('MessageSender');

/** Twilio for SMS and SMTP for email when configured; the development outbox for a channel that is not. */
export const senderProvider: Provider = {
  provide: MESSAGE_SENDER,
  inject: [AppConfig],
  useFactory: (config: AppConfig): MessageSender => {
    const outbox = (channel: string) => {
      if (!config.devOutbox) throw new Error(`No ${channel} sender configured: set the ${channel} variables or RESETGATE_DEV_OUTBOX=true`);
      return new DevOutboxSender();
    };
    return new ChannelSender({
      sms: config.twilio ? new TwilioSmsSender(config.twilio, twilioStatusCallbackUrl(config.publicUrl)) : outbox('Twilio'),
      email: config.smtp ? new SmtpEmailSender(config.smtp) : outbox('SMTP'),
    });
  },
};
