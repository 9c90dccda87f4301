import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { IdParam } from '../common/uuid';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhook, WebhookDeliveryList, WebhookList } from './dto/webhook.view.dto';
import { WebhooksService } from './webhooks.service';

class DeliveriesQuery {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Subscribe a URL to events; the answer carries the signing secret, shown only this once' })
  @ApiCreatedResponse({ type: CreatedWebhook })
  create(@Body() dto: CreateWebhookDto, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null) {
    return this.webhooks.create(dto, who, ip);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: WebhookList })
  list() {
    return this.webhooks.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Unsubscribe: pending deliveries are cancelled; the delivery log stays readable' })
  @ApiNoContentResponse({ description: 'Unsubscribed' })
  remove(@IdParam() id: string, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null) {
    return this.webhooks.remove(id, who, ip);
  }

  @Get(':id/deliveries')
  @Roles('admin')
  @ApiOperation({ summary: 'The delivery log: status, attempts, last HTTP status and last error per event, newest first' })
  @ApiOkResponse({ type: WebhookDeliveryList })
  deliveries(@IdParam() id: string, @Query() query: DeliveriesQuery) {
    return this.webhooks.deliveries(id, query.limit ?? 50);
  }
}
