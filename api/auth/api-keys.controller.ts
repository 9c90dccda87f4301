import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { ProblemException } from '../common/problem';
import { IdParam } from '../common/uuid';
import type { ApiKeyEntity } from '../../core/database/entities';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyList, type ApiKeyView, CreateApiKeyDto, CreatedApiKey } from './dto/api-key.dto';
import { ClientIp, CurrentPrincipal, type Principal } from './principal';
import { Roles } from './roles.decorator';

const toView = (k: ApiKeyEntity): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  roles: k.roles,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

@ApiTags('settings')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ApiKeyList })
  async list(): Promise<ApiKeyList> {
    return { items: (await this.keys.list()).map(toView) };
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKey })
  async create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null): Promise<CreatedApiKey> {
    const { key, record } = await this.keys.create(dto.name, dto.roles, async (db) =>
      this.audit.record(
        {
          actor: who.id,
          action: 'api_key.created',
          targetType: 'api_key',
          targetId: null,
          sourceIp: ip,
          details: { name: dto.name, roles: dto.roles },
        },
        db,
      ),
    );
    return { ...toView(record), key };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key (at once; revoking twice is harmless)' })
  async revoke(@IdParam() id: string, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null): Promise<void> {
    const revoked = await this.keys.revoke(id, async (db, key) =>
      this.audit.record(
        { actor: who.id, action: 'api_key.revoked', targetType: 'api_key', targetId: id, sourceIp: ip, details: { name: key.name } },
        db,
      ),
    );
    if (!revoked) throw new ProblemException('notFound', `No API key with id ${id}.`);
  }
}
