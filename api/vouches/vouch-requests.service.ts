import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { DirectoryUserEntity, VerificationEntity, VouchRequestEntity } from '../../core/database/entities';
import { hashSecret } from '../../core/security/hash-secret';
import { publishWebhookEvent } from '../../core/webhooks/webhook-outbox';
import { recordProof } from '../../workflows/verification/messages';
import { AuditService } from '../audit/audit.service';
import { LoginAttempts } from '../auth/sso/login-attempts';
import { OidcClient } from '../auth/sso/oidc-client';
import { ProblemException } from '../common/problem';
import { signedInAsUser } from '../ssp/step-up/identity-match';
import { VerificationWorkflows } from '../verifications/verification-workflows';
import type { VouchDecisionDto, VouchRequestView } from './dto/vouch.dto';

export const VOUCH_CALLBACK_PATH = '/api/v1/vouches/callback';

/** What the organisation's sign-in said about the person who opened the vouch link. */
export type VouchSignIn = { outcome: 'signed_in'; session: string; expiresAt: Date } | { outcome: 'mismatch' | 'cancelled' | 'closed' };

const LINK_INVALID = 'This vouch link is not valid: it was already used, it expired, or the verification has ended.';
const HOW_WORDS = { video: 'on video', in_person: 'in person' } as const;

/**
 * The voucher's side of the `vouch` proof (docs/assurance.md): the manager opens the link from their
 * work inbox, signs in with SSO as themselves, sees who is asking, why and from where, and answers
 * once. Only then is the proof recorded, with `recordProof`; a refusal is evidence against the
 * caller, audited and sent to webhook subscribers as an alert.
 */
@Injectable()
export class VouchRequestsService {
  private readonly logger = new Logger(VouchRequestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: VerificationWorkflows,
    private readonly oidc: OidcClient,
    private readonly loginAttempts: LoginAttempts,
    private readonly audit: AuditService,
  ) {}

  /** Starts the voucher's sign-in for a live link; the handle goes in a cookie that binds the callback to this browser. */
  async begin(token: string): Promise<{ authorizationUrl: string; handle: string }> {
    const request = await this.dataSource
      .getRepository(VouchRequestEntity)
      .findOneBy({ tokenHash: hashSecret(token), status: 'sent', expiresAt: MoreThan(new Date()) });
    if (!request) throw new ProblemException('vouchLinkInvalid', LINK_INVALID);
    const voucher = await this.voucherOf(request);
    const signIn = await this.oidc
      .authorizationRequest({ callbackPath: VOUCH_CALLBACK_PATH, loginHint: voucher.email, reauthenticate: true })
      .catch(() => {
        throw new ProblemException('ssoUnavailable', 'Your organisation’s sign-in page did not answer. Try again in a minute.');
      });
    const handle = await this.loginAttempts.remember(signIn, { returnTo: '/ssp/vouch', verificationId: request.verificationId });
    return { authorizationUrl: signIn.url.toString(), handle };
  }

  /** Redeems the IdP's answer once; the link is spent only when the person asked has signed in. */
  async complete(handle: string | undefined, callbackUrl: URL, sourceIp: string | null): Promise<VouchSignIn> {
    const attempt = await this.loginAttempts.redeem(handle);
    if (!attempt?.verificationId || attempt.returnTo !== '/ssp/vouch') {
      throw new ProblemException('signInFailed', 'This sign-in was not started from a vouch link, or took too long.');
    }
    const request = await this.dataSource
      .getRepository(VouchRequestEntity)
      .findOneBy({ verificationId: attempt.verificationId, status: 'sent', expiresAt: MoreThan(new Date()) });
    if (!request) return { outcome: 'closed' };
    if (callbackUrl.searchParams.has('error')) return { outcome: 'cancelled' };
    const signIn = await this.oidc.completeSignIn(callbackUrl, { ...attempt, reauthenticated: true }).catch((err: unknown) => {
      this.logger.warn(`vouch sign-in refused by the OIDC checks: ${String(err)}`);
      throw new ProblemException('signInFailed', 'Your organisation’s answer did not pass the checks. Open the link again.');
    });
    const voucher = await this.voucherOf(request);
    const record = (action: string, details: Record<string, unknown>) =>
      this.audit.record({ actor: voucher.email, action, targetType: 'verification', targetId: request.verificationId, sourceIp, details });
    if (!signedInAsUser(signIn.claims, voucher.email)) {
      // Someone other than the person asked holds the link: the request stays open for the right person.
      await record('vouch.wrong_person', { vouchRequestId: request.id, idpSubject: String(signIn.claims.sub) });
      return { outcome: 'mismatch' };
    }
    const session = randomBytes(32).toString('base64url');
    const { affected } = await this.dataSource
      .createQueryBuilder()
      .update(VouchRequestEntity)
      .set({ status: 'signed_in', voucherSessionHash: hashSecret(session), signedInAt: () => 'now()' })
      .where(`id = :id AND status = 'sent' AND expires_at > now()`, { id: request.id })
      .execute();
    if (!affected) return { outcome: 'closed' };
    await record('vouch.signed_in', { vouchRequestId: request.id });
    return { outcome: 'signed_in', session, expiresAt: request.expiresAt };
  }

  /** The request this browser's voucher signed in for: who asks, why, from where. */
  async current(request: VouchRequestEntity): Promise<VouchRequestView> {
    const verification = await this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: request.verificationId });
    const requester = await this.dataSource.getRepository(DirectoryUserEntity).findOneBy({ id: verification.userId });
    return {
      requester: {
        name: verification.userName,
        title: requester?.title ?? null,
        department: requester?.department ?? null,
        office: requester?.office ?? null,
      },
      relation: request.relation,
      reason: verification.reason.replace(/_/g, ' '),
      ticketRef: verification.ticketRef,
      agent: whoStarted(verification.initiatedBy),
      askedAt: request.createdAt.toISOString(),
      from: { ip: request.requesterIp, device: request.requesterDevice },
      expiresAt: request.expiresAt.toISOString(),
      status: request.status,
    };
  }

  /** The voucher's answer, once: recorded as the `vouch` proof, or nothing changes. */
  async decide(request: VouchRequestEntity, dto: VouchDecisionDto, sourceIp: string | null): Promise<{ status: 'confirmed' | 'refused' }> {
    if (request.status !== 'signed_in') throw new ProblemException('vouchClosed', `You already answered this request (${request.status}).`);
    if (request.expiresAt.getTime() <= Date.now()) throw new ProblemException('vouchClosed', 'This request expired before your answer.');
    if (dto.decision === 'confirm' && !dto.how) {
      throw new ProblemException('validation', 'Say how you spoke to them (video or in_person) to confirm.');
    }
    const status = dto.decision === 'confirm' ? 'confirmed' : 'refused';
    const moved = await this.move(request.id, 'signed_in', status);
    if (!moved) throw new ProblemException('vouchClosed', 'You already answered this request.');

    const voucher = await this.voucherOf(request);
    const recorded = await this.workflows
      .update(request.verificationId, recordProof, {
        kind: 'vouch',
        ...(status === 'confirmed'
          ? { status: 'met', detail: `${voucher.displayName} (manager) confirmed they spoke to the user ${HOW_WORDS[dto.how!]}` }
          : { status: 'against', detail: `${voucher.displayName} (manager) refused: they did not speak to the caller` }),
        evidence: { relation: request.relation, voucherId: voucher.id, how: dto.how ?? null },
      })
      .catch(async (err: unknown) => {
        // The workflow service did not answer: nothing was recorded, so the answer can be given again.
        await this.move(request.id, status, 'signed_in');
        throw err;
      });
    if (!recorded.accepted) {
      await this.move(request.id, status, 'closed');
      throw new ProblemException('vouchClosed', `The verification did not take your answer (${recorded.reason}). Nothing was recorded.`);
    }
    await this.dataSource.transaction(async (db) => {
      await this.audit.record(
        {
          actor: voucher.email,
          action: status === 'confirmed' ? 'vouch.confirmed' : 'vouch.refused',
          targetType: 'verification',
          targetId: request.verificationId,
          sourceIp,
          details: { vouchRequestId: request.id, relation: request.relation, how: dto.how ?? null },
        },
        db,
      );
      if (status === 'refused') await publishWebhookEvent(db, 'verification.vouch_refused', request.verificationId);
    });
    return { status };
  }

  /** Moves a request from one status to another, only if it is still in the first; whether it moved. */
  private async move(id: string, from: VouchRequestEntity['status'], to: VouchRequestEntity['status']): Promise<boolean> {
    const { affected } = await this.dataSource
      .createQueryBuilder()
      .update(VouchRequestEntity)
      .set({ status: to, decidedAt: to === 'signed_in' ? null : () => 'now()' })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return !!affected;
  }

  private voucherOf(request: VouchRequestEntity): Promise<DirectoryUserEntity> {
    return this.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: request.voucherUserId });
  }
}

/** The agent as a person reads them: their address, or the integration that started it. */
function whoStarted(principal: string): string {
  if (principal.startsWith('user:')) return principal.slice('user:'.length);
  if (principal.startsWith('apikey:')) return `the integration “${principal.slice('apikey:'.length)}”`;
  return principal;
}
