import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../../core/config/app-config';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Credentials } from '../auth/credentials';
import { Roles } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { abortedWhenClientLeaves } from '../common/client-gone';
import { RateLimiter } from '../common/rate-limiter';
import { IdParam } from '../common/uuid';
import { CreateVerificationDto } from './dto/create-verification.dto';
import { ListVerificationsQuery } from './dto/list-verifications.query';
import { RefereeCheckDto } from './dto/referee-check.dto';
import { ResetApprovalDto } from './dto/reset-approval.dto';
import { TranscriptView } from './dto/transcript.dto';
import { VerificationDetail, VerificationPage, VerificationView } from './dto/verification.view.dto';
import { VerificationEvents } from './verification-events';
import { streamVerifications } from './verification-stream';
import { viewFor } from './verification.view';
import { PolicyService } from '../settings/policy.service';
import { RefereeChecks } from './referee-checks';
import { VerificationsService } from './verifications.service';

@ApiTags('verifications')
@ApiBearerAuth()
@Controller('api/v1/verifications')
export class VerificationsController {
  /** Links an agent or integrator may send per minute: a compromised key cannot spam users. */
  private readonly createLimiter: RateLimiter;

  constructor(
    private readonly verifications: VerificationsService,
    private readonly changes: VerificationEvents,
    private readonly credentials: Credentials,
    private readonly config: AppConfig,
    private readonly policies: PolicyService,
    private readonly referees: RefereeChecks,
  ) {
    this.createLimiter = new RateLimiter(config.limits.linksPerAgentPerMinute, 60_000);
  }

  @Post()
  @Roles('agent', 'admin')
  @ApiOperation({ summary: 'Send a Verification Portal link; supersedes the user’s open verification' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key and body return the same verification' })
  @ApiCreatedResponse({ type: VerificationDetail })
  async create(
    @Body() dto: CreateVerificationDto,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerificationDetail> {
    if (!this.createLimiter.take(who.id)) {
      const limit = this.config.limits.linksPerAgentPerMinute;
      throw new ProblemException('rateLimited', `You sent ${limit} links in the last minute. Wait a minute and try again.`);
    }
    // Read from the request, not @Headers(): that would document the header a second time, as required.
    const idempotencyKey = req.header('idempotency-key');
    const view = await this.verifications.create(dto, who, ip, idempotencyKey, abortedWhenClientLeaves(res));
    return (await this.visibleTo(who))(view);
  }

  @Get()
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'List verifications, newest first, with filters and cursor paging' })
  @ApiOkResponse({ type: VerificationPage })
  async list(@Query() query: ListVerificationsQuery, @CurrentPrincipal() who: Principal): Promise<VerificationPage> {
    const [page, visible] = await Promise.all([this.verifications.list(query), this.visibleTo(who)]);
    return { ...page, items: page.items.map(visible) };
  }

  @Get('events')
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'Live status: Server-Sent Events, one `verification` event (the verification as GET returns it) per change' })
  @ApiProduces('text/event-stream')
  async events(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() who: Principal) {
    streamVerifications(
      req,
      res,
      await this.changes.changed(),
      async (ids) => {
        const [views, visible] = await Promise.all([this.verifications.views(ids), this.visibleTo(who)]);
        return views.map(visible);
      },
      () => this.credentials.stillValid(req),
      this.config.liveHeartbeatSeconds * 1000,
    );
  }

  @Get(':id')
  @Roles('agent', 'admin', 'auditor')
  @ApiOkResponse({ type: VerificationDetail, description: 'The verification with the delivery status of its messages' })
  async get(@IdParam() id: string, @CurrentPrincipal() who: Principal): Promise<VerificationDetail> {
    const [view, visible] = await Promise.all([this.verifications.get(id), this.visibleTo(who)]);
    return visible(view);
  }

  @Get(':id/transcript')
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'Each question asked, the user’s answer and its grade (never the answer key)' })
  @ApiOkResponse({ type: TranscriptView })
  transcript(@IdParam() id: string): Promise<TranscriptView> {
    return this.verifications.transcript(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('agent', 'admin')
  @ApiOperation({
    summary: 'Cancel an open verification',
    description: 'Retry-safe: the same caller cancelling again (after a 503 or a lost answer) gets the cancelled verification, not a 409.',
  })
  @ApiOkResponse({ type: VerificationDetail })
  async cancel(@IdParam() id: string, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null): Promise<VerificationDetail> {
    const view = await this.verifications.cancel(id, who, ip);
    return (await this.visibleTo(who))(view);
  }

  @Post(':id/reset-approval')
  @HttpCode(200)
  @Roles('agent', 'admin')
  @ApiOperation({
    summary: 'Approve the reset: only after passed, inside the approval window, once',
    description:
      'Retry-safe: the same approver again (after a 503, a timeout or a lost answer) gets the first call’s result, ' +
      'also after the verification has closed. Each approver counts once.',
  })
  @ApiOkResponse({ type: VerificationView, description: 'The verification after the approval (without deliveries)' })
  async approve(
    @IdParam() id: string,
    @Body() dto: ResetApprovalDto,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
  ): Promise<VerificationView> {
    const view = await this.verifications.approve(id, dto, who, ip);
    return (await this.visibleTo(who))(view);
  }

  @Post(':id/referee-check')
  @HttpCode(200)
  @Roles('agent', 'admin')
  @ApiOperation({ summary: 'After needs_referee: a named second person records their check in person or on video, once' })
  @ApiOkResponse({ type: VerificationView })
  async refereeCheck(
    @IdParam() id: string,
    @Body() dto: RefereeCheckDto,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
  ): Promise<VerificationView> {
    const view = await this.referees.record(id, dto, who, ip);
    return (await this.visibleTo(who))(view);
  }

  /** Hides the risk number from agents when the policy in force says so (read once per answer). */
  private async visibleTo(who: Principal): Promise<<T extends VerificationView>(view: T) => T> {
    const { agentsSeeRiskScore } = await this.policies.current();
    return (view) => viewFor(view, who.roles, agentsSeeRiskScore);
  }
}
