import { Module } from '@nestjs/common';
import { DevOutboxController } from './dev-outbox.controller';
import { DevOutboxService } from './dev-outbox.service';
import { MessageStatuses } from './message-statuses.service';
import { TwilioStatusController } from './twilio-status.controller';

/** How messages reach users, as the API sees it: Twilio's status callbacks, and the development outbox. */
@Module({
  controllers: [TwilioStatusController, DevOutboxController],
  providers: [MessageStatuses, DevOutboxService],
})
export class DeliveryModule {}
