import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { DevOutboxService } from './dev-outbox.service';

class OutboxQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() verificationId?: string;
}

/** Development mode only: the messages that would have gone by SMS or email, with their links. */
@ApiTags('development')
@ApiBearerAuth()
@Controller('api/v1/dev/outbox')
export class DevOutboxController {
  constructor(private readonly outbox: DevOutboxService) {}

  @Get()
  @Roles('admin', 'agent')
  list(@Query() query: OutboxQuery) {
    return this.outbox.latest(query.verificationId);
  }
}
