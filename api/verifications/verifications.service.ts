import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { maskDestination } from '../../core/security/mask';
import { lockUser } from '../../core/database/user-lock';
import { publishWebhookEvent } from '../../core/webhooks/webhook-outbox';
import { approveReset, cancelVerification } from '../../workflows/verification/messages';
import { OPEN_STATUSES, type VerificationPolicy } from '../../workflows/verification/model';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import type { AssuranceSettings } from '../../core/policy/policy-settings';
import { PolicyService } from '../settings/policy.service';
import { ChallengeQuestionEntity, DirectoryUserEntity, VerificationEntity, VerificationLinkEntity } from '../../core/database/entities';
import { validateDestination } from './destination';
import type { CreateVerificationDto } from './dto/create-verification.dto';
import type { ResetApprovalDto } from './dto/reset-approval.dto';
import { IdempotentRequest } from './idempotency';
import { verificationDeliveries } from './verification-deliveries';
import { toVerificationView } from './verification.view';
import type { TranscriptView } from './dto/transcript.dto';
import type { ListVerificationsQuery } from './dto/list-verifications.query';
import type { VerificationDetail, VerificationPage, VerificationView } from './dto/verification.view.dto';
import { listVerifications } from './list-verifications';
import { VerificationWorkflows, verificationWorkflowId } from './verification-workflows';

const DAY_MS = 86_400_000;

@Injectable()
export class VerificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: VerificationWorkflows,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly policies: PolicyService,
  ) {}

  /**
   * Creates the verification and starts its workflow under the user's lock, superseding the
   * open one: at most one open verification per user, and its link dies with it.
   */
  async create(
    dto: CreateVerificationDto,
    principal: Principal,
    sourceIp: string | null,
    idempotencyKey?: string,
    clientGone?: AbortSignal,
  ) {
    const idempotent = IdempotentRequest.from(principal.id, idempotencyKey, dto);
    const user = await this.findUser(dto.user);
    if (!user) throw new ProblemException('unknownUser', `No active directory user matches "${dto.user}". Look the user up first.`);
    const destination = validateDestination(dto.channel, dto.destination, this.config.organisationDomains);
    const id = randomUUID();

    const { previous, superseded } = await this.dataSource.transaction(async (db) => {
      const previous = await idempotent?.previous(db);
      if (previous) return { previous, superseded: [] };
      await lockUser(db, user.id);
      // The policy in force now is the one this verification keeps, in its row and its workflow.
      const { policy: policyInForce, maxVerificationsPerUserPerDay, privilegedGroups, assurance } = await this.policies.current(db);
      const privileged = user.groups.some((group) => privilegedGroups.includes(group));
      const requiredApprovals = privileged ? 2 : 1;
      const policy = withAssurance(policyInForce, assurance, privileged);
      const today = await db
        .getRepository(VerificationEntity)
        .createQueryBuilder('v')
        .where('v.user_id = :userId AND v.created_at > :since', { userId: user.id, since: new Date(Date.now() - DAY_MS) })
        .getCount();
      if (today >= maxVerificationsPerUserPerDay) {
        throw new ProblemException(
          'dailyLimit',
          `${user.displayName} already had ${today} verifications in the last 24 hours; the limit is ${maxVerificationsPerUserPerDay}.`,
        );
      }
      const open = await db.findBy(VerificationEntity, { userId: user.id, status: In([...OPEN_STATUSES]), supersededBy: IsNull() });
      if (open.length) {
        await db.update(VerificationEntity, { id: In(open.map((o) => o.id)) }, { supersededBy: id });
        await db.update(
          VerificationLinkEntity,
          { verificationId: In(open.map((o) => o.id)), revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
      }
      await db.insert(VerificationEntity, {
        id,
        workflowId: verificationWorkflowId(id),
        userId: user.id,
        userEmail: user.email,
        userName: user.displayName,
        channel: dto.channel,
        destination,
        destinationMasked: maskDestination(dto.channel, destination),
        reason: dto.reason,
        ticketRef: dto.ticketRef ?? null,
        initiatedBy: principal.id,
        status: 'created',
        policy,
        requiredApprovals,
      });
      await publishWebhookEvent(db, 'verification.created', id);
      await this.audit.record(
        {
          actor: principal.id,
          action: 'verification.created',
          targetType: 'verification',
          targetId: id,
          sourceIp,
          details: { userId: user.id, channel: dto.channel, reason: dto.reason, requiredApprovals, supersedes: open.map((o) => o.id) },
        },
        db,
      );
      // A client that hung up gets no link sent on its behalf: the last moment to stop is before the start.
      clientGone?.throwIfAborted();
      // Started inside the transaction: if Temporal refuses, nothing was written.
      await this.workflows.start({
        verificationId: id,
        userId: user.id,
        channel: dto.channel,
        reason: dto.reason,
        initiatedBy: principal.id,
        policy,
        ...(requiredApprovals > 1 && { requiredApprovals }),
      });
      await idempotent?.remember(db, id);
      return { previous: null, superseded: open };
    });
    if (previous) return this.get(previous);

    for (const old of superseded) await this.workflows.supersede(old.id, id);
    return this.get(id);
  }

  list(query: ListVerificationsQuery): Promise<VerificationPage> {
    return listVerifications(this.dataSource, query);
  }

  /** The verifications the live stream reports as changed, as the list shows them. */
  async views(ids: string[]): Promise<VerificationView[]> {
    const rows = await this.dataSource.getRepository(VerificationEntity).findBy({ id: In(ids) });
    return rows.map(toVerificationView);
  }

  /** One verification, with the delivery status of its messages (the list leaves them out). */
  async get(id: string): Promise<VerificationDetail> {
    const verification = await this.find(id);
    return { ...toVerificationView(verification), deliveries: await verificationDeliveries(this.dataSource.manager, id) };
  }

  async transcript(id: string): Promise<TranscriptView> {
    await this.find(id);
    const questions = await this.dataSource
      .getRepository(ChallengeQuestionEntity)
      .find({ where: { verificationId: id }, order: { position: 'ASC' } });
    return {
      verificationId: id,
      items: questions.map((q) => ({
        position: q.position + 1,
        kind: q.kind,
        type: q.type,
        text: q.text,
        options: q.options.map((o) => o.label),
        answer: answerLabels(q),
        grade: q.grade,
        score: q.score,
        elapsedMs: q.elapsedMs,
        pasted: q.pasted,
        answeredAt: q.answeredAt?.toISOString() ?? null,
      })),
    };
  }

  async cancel(id: string, principal: Principal, sourceIp: string | null) {
    const verification = await this.find(id);
    // The request, with its address, before it is sent; the worker audits the cancellation itself when it is recorded.
    await this.audit.record({
      actor: principal.id,
      action: 'verification.cancel_requested',
      targetType: 'verification',
      targetId: id,
      sourceIp,
    });
    const cancelled = await this.workflows.update(id, cancelVerification, { cancelledBy: principal.id }, `cancel-${principal.id}`);
    if (!cancelled.accepted && !cancelledBy(await this.find(id), principal.id)) {
      throw new ProblemException('verificationNotOpen', `Only open verifications can be cancelled: ${cancelled.reason}.`, {
        verificationStatus: verification.status,
      });
    }
    return this.get(id);
  }

  /**
   * Asks the workflow to let the reset through. The request is audited first, with its address;
   * the worker audits the acceptance in the transaction that records it; a validator's refusal
   * leaves no history event, so it is audited here. One Update id per approver: a retry (after a
   * 503 or a lost answer) gets the first call's result, and so does one after the workflow closed.
   */
  async approve(id: string, dto: ResetApprovalDto, principal: Principal, sourceIp: string | null) {
    const verification = await this.find(id);
    await this.audit.record({
      actor: principal.id,
      action: 'reset_approval.requested',
      targetType: 'verification',
      targetId: id,
      sourceIp,
      details: { action: dto.action, ticketRef: dto.ticketRef ?? null },
    });
    const request = { action: dto.action, approvedBy: principal.id, note: dto.note, ticketRef: dto.ticketRef };
    const approval = await this.workflows.update(id, approveReset, request, `approve-${principal.id}`);
    const recorded = await this.find(id);
    if (approval.accepted || approvedBy(recorded, principal.id)) return toVerificationView(recorded);
    await this.audit.record({
      actor: principal.id,
      action: 'reset_approval.refused',
      targetType: 'verification',
      targetId: id,
      sourceIp,
      details: { reason: approval.reason, action: dto.action },
    });
    throw new ProblemException('approvalRefused', `The reset cannot be approved: ${approval.reason}.`, {
      verificationStatus: verification.status,
    });
  }

  async find(id: string): Promise<VerificationEntity> {
    const verification = await this.dataSource.getRepository(VerificationEntity).findOneBy({ id });
    if (!verification) throw new ProblemException('notFound', `No verification with id ${id}.`);
    return verification;
  }

  private async findUser(idOrEmail: string): Promise<DirectoryUserEntity | null> {
    const users = this.dataSource.getRepository(DirectoryUserEntity);
    const user = idOrEmail.includes('@')
      ? await users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: idOrEmail }).getOne()
      : await users.findOneBy({ id: idOrEmail });
    return user?.active ? user : null;
  }
}

/** Whether this principal's approval is on record: a retry of an approval that went through. */
function approvedBy(verification: VerificationEntity, principalId: string): boolean {
  return [verification.approval, ...(verification.approvals ?? [])].some((a) => a?.approvedBy === principalId);
}

/** Whether this principal's cancellation is on record: a retry of a cancel that went through. */
function cancelledBy(verification: VerificationEntity, principalId: string): boolean {
  return verification.cancelReason === 'agent' && verification.outcomeReason === `cancelled by ${principalId}`;
}

function answerLabels(q: ChallengeQuestionEntity): string | string[] | null {
  if (!q.answer) return null;
  const label = (id: string) => q.options.find((o) => o.id === id)?.label ?? id;
  if (q.answer.optionIds) return q.answer.optionIds.map(label);
  if (q.answer.optionId) return label(q.answer.optionId);
  return q.answer.text ?? null;
}

/**
 * The verification's own policy: under proofs, the standard assurance policy in force, or the
 * privileged one for members of the privileged groups. Both come from the policy version in force
 * (the console's, else the environment's); it travels with the workflow input, so a later change
 * never alters it.
 */
function withAssurance(policy: VerificationPolicy, assurance: AssuranceSettings, privileged: boolean): VerificationPolicy {
  if (assurance.mode !== 'proofs') return policy;
  return { ...policy, assurance: privileged ? assurance.privileged : assurance.standard };
}
