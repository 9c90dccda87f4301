import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type MessageStatusReport, recordMessageStatus } from '../../core/delivery/message-status';

/** What the SMS provider reports of each message: the delivery status an agent sees on the verification. */
@Injectable()
export class MessageStatuses {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(report: MessageStatusReport): Promise<void> {
    return recordMessageStatus(this.dataSource.manager, report);
  }
}
