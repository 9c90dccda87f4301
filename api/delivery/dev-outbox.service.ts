import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { DevOutboxMessageEntity } from '../../core/database/entities';
import { ProblemException } from '../common/problem';

/** Development mode only: the messages the dev outbox sender stored instead of sending. */
@Injectable()
export class DevOutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async latest(verificationId?: string) {
    if (!this.config.devOutbox) throw new ProblemException('notFound', 'The development outbox is off: messages go out by SMS and email.');
    const items = await this.dataSource.getRepository(DevOutboxMessageEntity).find({
      where: verificationId ? { verificationId } : {},
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return { items: items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
  }
}
