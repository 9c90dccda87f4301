import type { Provider } from '@nestjs/common';
import { DevOutboxSender } from '../../activities/delivery/dev-outbox-sender';
import type { MessageSender } from '../../activities/delivery/message-sender';
import { AppConfig } from '../config/app-config';

export const MESSAGE_SENDER = Symbol('MessageSender');

/** The development outbox until Twilio and SMTP senders are configured (their own issue). */
export const senderProvider: Provider = {
  provide: MESSAGE_SENDER,
  inject: [AppConfig],
  useFactory: (config: AppConfig): MessageSender => {
    if (!config.devOutbox) throw new Error('No message sender configured: set RESETGATE_DEV_OUTBOX=true');
    return new DevOutboxSender();
  },
};
