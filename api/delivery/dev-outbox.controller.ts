import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import { DevOutboxMessageEntity } from '../../core/database/entities';

class OutboxQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() verificationId?: string;
}

/** Development mode only: the messages that would have gone by SMS or email, with their links. */
@ApiTags('development')
@ApiBearerAuth()
@Controller('api/v1/dev/outbox')
export class DevOutboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('admin', 'agent')
  async list(@Query() query: OutboxQuery) {
    if (!this.config.devOutbox) throw new ProblemException('notFound', 'The development outbox is off: messages go out by SMS and email.');
    const items = await this.dataSource.getRepository(DevOutboxMessageEntity).find({
      where: query.verificationId ? { verificationId: query.verificationId } : {},
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return { items: items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
  }
}
