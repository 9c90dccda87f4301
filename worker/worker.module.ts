import { Module } from '@nestjs/common';
import { ConfigModule } from '../core/config/config.module';
import { DatabaseModule } from '../core/database/database.module';
import { loggingModule } from '../core/logging';
import { MESSAGE_SENDER, senderProvider } from './sender.provider';

/** The worker's Nest context: it supplies the repositories and the sender the activities need. */
@Module({
  imports: [ConfigModule, loggingModule, DatabaseModule.forRoot()],
  providers: [senderProvider],
  exports: [MESSAGE_SENDER],
})
export class WorkerModule {}
