import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { RateLimiter } from '../common/rate-limiter';
import { notFoundOnBadUuid } from '../common/uuid';
import { CreateVerificationDto } from './dto/create-verification.dto';
import { ListVerificationsQuery } from './dto/list-verifications.query';
import { ResetApprovalDto } from './dto/reset-approval.dto';
import { listVerifications } from './list-verifications';
import { VerificationsService } from './verifications.service';

/** Links an agent or integrator may send per minute: a compromised key cannot spam users. */
const createLimiter = new RateLimiter(30, 60_000);

const Id = () => Param('id', new ParseUUIDPipe({ exceptionFactory: notFoundOnBadUuid }));

@ApiTags('verifications')
@ApiBearerAuth()
@Controller('api/v1/verifications')
export class VerificationsController {
  constructor(
    private readonly verifications: VerificationsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Roles('agent', 'admin')
  @ApiOperation({ summary: 'Send a Verification Portal link; supersedes the user’s open verification' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key and body return the same verification' })
  create(
    @Body() dto: CreateVerificationDto,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (!createLimiter.take(who.id))
      throw new ProblemException('rateLimited', 'You sent 30 links in the last minute. Wait a minute and try again.');
    return this.verifications.create(dto, who, ip, idempotencyKey);
  }

  @Get()
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'List verifications, newest first, with filters and cursor paging' })
  list(@Query() query: ListVerificationsQuery) {
    return listVerifications(this.dataSource, query);
  }

  @Get(':id')
  @Roles('agent', 'admin', 'auditor')
  get(@Id() id: string) {
    return this.verifications.get(id);
  }

  @Get(':id/transcript')
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'Each question asked, the user’s answer and its grade (never the answer key)' })
  transcript(@Id() id: string) {
    return this.verifications.transcript(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('agent', 'admin')
  cancel(@Id() id: string, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null) {
    return this.verifications.cancel(id, who, ip);
  }

  @Post(':id/reset-approval')
  @HttpCode(200)
  @Roles('agent', 'admin')
  @ApiOperation({ summary: 'Approve the reset: only after passed, inside the approval window, once' })
  approve(@Id() id: string, @Body() dto: ResetApprovalDto, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null) {
    return this.verifications.approve(id, dto, who, ip);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Replay the history on the current workflow code: { deterministic, timeline[] }' })
  replay(@Id() id: string) {
    return this.verifications.replay(id);
  }

  @Get(':id/history')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The Temporal workflow history as JSON, payloads decrypted (replayable without keys; audited)' })
  history(@Id() id: string, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null) {
    return this.verifications.history(id, who, ip);
  }
}
