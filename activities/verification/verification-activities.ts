import { ApplicationFailure, Context } from '@temporalio/activity';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import {
  ChallengeQuestionEntity,
  DeliveryEntity,
  DirectoryUserEntity,
  VerificationEntity,
  VerificationLinkEntity,
} from '../../core/database/entities';
import type { ProgressUpdate, VerificationActivities } from '../../workflows/verification/activities';
import type { AnswerInput, ClientSignals } from '../../workflows/verification/messages';
import type { Approval, Channel, ConnectorResult, GradedAnswer, RiskAssessment, StepUpResult } from '../../workflows/verification/model';
import { generateQuestions } from './challenge/generators';
import { gradeAnswer } from './challenge/grading';
import { loadDirectoryFacts } from './challenge/load-directory-facts';
import type { MessageSender, SendResult } from '../delivery/message-sender';
import { recordMessageStatus } from '../../core/delivery/message-status';
import type { DirectoryActivitySource } from '../../core/directory/activity-source';
import { TableActivitySource } from '../../core/directory/table-activity-source';
import { hashSecret } from '../../core/security/hash-secret';
import { MAX_LINK_LIFETIME_SECONDS, newToken, verificationLink } from './link-tokens';
import { assessRisk } from './risk/assess-risk';
import { sessionContext } from './risk/session-context';
import { NetworkIntel } from './risk/network-intel';
import { ManualConnector, type ResetConnector } from './reset-connector/reset-connector';
import { createConnectorActivities } from './reset-connector/run-reset-connector';
import { createProofActivities } from './proofs/prepare-proofs';
import { createVouchActivities } from './proofs/request-vouch';
import type { DestinationLookup } from '../delivery/destination-lookup';
import type { VouchChannel } from '../delivery/vouch-channel';
import { lockUser } from '../../core/database/user-lock';
import { auditProgress } from './progress-audit';
import { eventForStatus, publishWebhookEvent } from '../../core/webhooks/webhook-outbox';

export interface VerificationActivityDeps {
  dataSource: DataSource;
  sender: MessageSender;
  /** Offline IP intelligence; loaded on first use when not given. */
  networkIntel?: NetworkIntel;
  /** The configured public URL: links are never built from a Host header. */
  publicUrl: string;
  /** The IdP action after an approval; `manual` (record only) when not given. */
  connector?: ResetConnector;
  /** The audit chain's HMAC key, for the events activities write (the connector's result). */
  auditKey?: Buffer;
  /** Meetings and sign-ins; the directory tables (file import, dev seed) when not given. */
  activitySource?: DirectoryActivitySource;
  /** Carrier data for SMS destinations under an assurance policy (Twilio Lookup); none means unchecked. */
  destinationLookup?: DestinationLookup;
  /** Whether an identity-verification provider is configured: the identity document is then a proof the user can give. */
  identityVerification?: boolean;
  /** Where vouch requests go: the manager's Slack (with the email fallback) when configured; email through `sender` when not given. */
  vouchChannel?: VouchChannel;
}

/** How many of the user's latest sign-ins show their usual countries and devices. */
const RISK_SIGNIN_HISTORY = 20;

/** Everything the verification workflow asks the outside world for, built from injected dependencies. */
export function createVerificationActivities({
  dataSource,
  sender,
  publicUrl,
  networkIntel,
  connector,
  auditKey,
  activitySource,
  destinationLookup,
  identityVerification,
  vouchChannel,
}: VerificationActivityDeps): VerificationActivities {
  let intel = networkIntel;
  const userActivity = activitySource ?? new TableActivitySource(dataSource);
  const inTransaction = <T>(work: (db: EntityManager) => Promise<T>) => dataSource.transaction(work);

  async function verificationOrFail(db: EntityManager, verificationId: string): Promise<VerificationEntity> {
    const verification = await db.findOneBy(VerificationEntity, { id: verificationId });
    if (!verification) throw ApplicationFailure.nonRetryable(`verification ${verificationId} not found`, 'VerificationNotFound');
    return verification;
  }

  return {
    ...createConnectorActivities({ dataSource, connector: connector ?? new ManualConnector(), auditKey }),
    ...createProofActivities({ dataSource, lookup: destinationLookup, identityVerification }),
    ...createVouchActivities({ dataSource, sender, publicUrl, vouchChannel }),

    /**
     * Issues the link and sends it, once. The token is created, hashed, stored and sent inside
     * one transaction keyed by workflow and activity: a retry after success finds the delivery
     * and sends nothing; a retry after failure starts clean. The token never leaves this function.
     */
    async deliverLink(input: { verificationId: string; userId: string; channel: Channel; linkLifetimeSeconds: number }) {
      const idempotencyKey = deliveryIdempotencyKey();
      return inTransaction(async (db) => {
        // The API creates the row and starts the workflow under this lock; waiting on it means the row is committed.
        await lockUser(db, input.userId);
        const verification = await verificationOrFail(db, input.verificationId);
        const done = await db.findOneBy(DeliveryEntity, { idempotencyKey });
        if (done) {
          const link = await db.findOneByOrFail(VerificationLinkEntity, { id: done.linkId! });
          return { linkExpiresAt: link.expiresAt.toISOString() };
        }
        const lifetime = Math.min(input.linkLifetimeSeconds, MAX_LINK_LIFETIME_SECONDS[input.channel]);
        const token = newToken();
        const link = await db.save(
          db.create(VerificationLinkEntity, {
            verificationId: verification.id,
            tokenHash: hashSecret(token),
            expiresAt: new Date(Date.now() + lifetime * 1000),
          }),
        );
        const url = verificationLink(publicUrl, token);
        const minutes = Math.round(lifetime / 60);
        const sent = await sender.send(
          {
            channel: input.channel,
            to: verification.destination,
            subject: 'Verify your identity for the helpdesk',
            body:
              `The helpdesk asked us to verify your identity (${verification.reason.replace(/_/g, ' ')}). ` +
              `Open ${url} within ${minutes} minutes. If you did not call the helpdesk, ignore this message.`,
            link: url,
            verificationId: verification.id,
          },
          { idempotencyKey, db },
        );
        await recordDelivery(db, sent, {
          verificationId: verification.id,
          idempotencyKey,
          purpose: 'verification_link',
          channel: input.channel,
          destinationMasked: verification.destinationMasked,
          linkId: link.id,
        });
        return { linkExpiresAt: link.expiresAt.toISOString() };
      });
    },

    /**
     * Keeps the verification row, which the API and console read, in step with the workflow, and
     * raises the webhook and audit events the change means in the same transaction.
     */
    async recordProgress(update: ProgressUpdate): Promise<void> {
      const { verificationId, linkExpiresAt, sessionExpiresAt, approvalDeadline, risk, ...rest } = update;
      await inTransaction(async (db) => {
        if (auditKey) await auditProgress(db, auditKey, update);
        await db.update(VerificationEntity, verificationId, {
          ...rest,
          ...(linkExpiresAt && { linkExpiresAt: new Date(linkExpiresAt) }),
          ...(sessionExpiresAt && { sessionExpiresAt: new Date(sessionExpiresAt) }),
          ...(approvalDeadline && { approvalDeadline: new Date(approvalDeadline) }),
          ...(risk && { risk, riskScore: risk.score }),
          // An outcome is recorded once, when the verification completes.
          ...(update.outcome && { completedAt: new Date() }),
        });
        const event = eventForStatus(update.status);
        if (event) await publishWebhookEvent(db, event, verificationId);
      });
    },

    async revokeLinks({ verificationId }: { verificationId: string }): Promise<void> {
      await dataSource.getRepository(VerificationLinkEntity).update({ verificationId, revokedAt: IsNull() }, { revokedAt: new Date() });
    },

    /**
     * Generates the questions once per verification; a retry returns the ones already stored.
     * The facts are read before the writing transaction opens: a source may need connections of its own.
     */
    async prepareChallenge(input: { verificationId: string; userId: string; questionsAsked: number }) {
      let questions: Pick<ChallengeQuestionEntity, 'weight'>[] = await dataSource
        .getRepository(ChallengeQuestionEntity)
        .findBy({ verificationId: input.verificationId });
      if (questions.length === 0) {
        const facts = await loadDirectoryFacts(dataSource.manager, userActivity, input.userId);
        const generated = facts ? generateQuestions(facts, input.questionsAsked) : [];
        questions = await inTransaction(async (db) =>
          db.save(
            generated.map((q, position) => db.create(ChallengeQuestionEntity, { ...q, verificationId: input.verificationId, position })),
          ),
        );
      }
      return { questionCount: questions.length, questionWeight: questions.reduce((sum, q) => sum + q.weight, 0) };
    },

    /** Grades server side against the stored key, and keeps the answer for the transcript. */
    async gradeAnswer(input: AnswerInput & { verificationId: string }): Promise<GradedAnswer> {
      return inTransaction(async (db) => {
        const question = await db.findOne(ChallengeQuestionEntity, {
          where: { id: input.questionId, verificationId: input.verificationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!question) throw ApplicationFailure.nonRetryable('unknown question', 'UnknownQuestion');
        if (question.grade === null) {
          const result = gradeAnswer(question.answerKey, input.answer);
          Object.assign(question, {
            answer: input.answer,
            grade: result.grade,
            score: result.score,
            elapsedMs: Math.max(0, Math.round(input.elapsedMs)),
            pasted: input.pasted,
            answeredAt: new Date(),
          });
          await db.save(question);
        }
        return { questionId: question.id, kind: question.kind, grade: question.grade!, score: question.score!, weight: question.weight };
      });
    },

    /** Gathers the evidence (network, device, persona, behaviour) and scores it. */
    async assessRisk(input: {
      verificationId: string;
      userId: string;
      session: ClientSignals;
      signals: ClientSignals;
      stepUp?: StepUpResult;
    }): Promise<RiskAssessment> {
      intel ??= NetworkIntel.load({ torExitListPath: process.env.RESETGATE_TOR_EXIT_LIST });
      const verification = await verificationOrFail(dataSource.manager, input.verificationId);
      const user = await dataSource.getRepository(DirectoryUserEntity).findOneBy({ id: input.userId });
      const questions = await dataSource.getRepository(ChallengeQuestionEntity).findBy({ verificationId: input.verificationId });
      const signins = await userActivity.recentSignIns(input.userId, { limit: RISK_SIGNIN_HISTORY });
      const onFile = verification.channel === 'sms' ? user?.mobilePhone : user?.personalEmail;
      const network = intel.lookup(input.signals.ip ?? input.session.ip);
      const risk = assessRisk({
        network,
        session: input.session,
        finish: input.signals,
        officeCountry: user?.officeCountry ?? null,
        signinCountries: [...new Set(signins.map((s) => s.country))],
        signinDevices: [...new Set(signins.map((s) => s.device).filter((d): d is string => !!d))],
        destinationOnFile: !!onFile && onFile.toLowerCase() === verification.destination.toLowerCase(),
        answerTimesMs: questions.filter((q) => q.grade && q.grade !== 'skipped').map((q) => q.elapsedMs ?? 0),
        pastedAnswers: questions.filter((q) => q.pasted).length,
        stepUp: input.stepUp,
      });
      return { ...risk, context: sessionContext(network, input.session, input.signals) };
    },

    /**
     * Runs after an accepted approval only. ResetGate sets no password: the `manual` connector
     * records the approval, and the user hears of it on an independent channel, their corporate email.
     */
    async completeReset(input: { verificationId: string; userId: string; approval: Approval }): Promise<void> {
      const idempotencyKey = deliveryIdempotencyKey();
      await inTransaction(async (db) => {
        if (await db.findOneBy(DeliveryEntity, { idempotencyKey })) return;
        const user = await db.findOneBy(DirectoryUserEntity, { id: input.userId });
        if (!user) return;
        const { connectorResult } = await verificationOrFail(db, input.verificationId);
        const sent = await sender.send(
          {
            channel: 'email',
            to: user.email,
            subject: 'Your account was changed by the helpdesk',
            body:
              `After verifying your identity, the helpdesk approved: ${input.approval.action.replace(/_/g, ' ')}. ` +
              nextStep(connectorResult) +
              `If you did not ask for this, contact your security team now.`,
            verificationId: input.verificationId,
          },
          { idempotencyKey, db },
        );
        await recordDelivery(db, sent, {
          verificationId: input.verificationId,
          idempotencyKey,
          purpose: 'reset_notice',
          channel: 'email',
          destinationMasked: user.email,
          linkId: null,
        });
      });
    },
  };
}

/** What the user should expect next, when the IdP acted for them. */
function nextStep(result: ConnectorResult | null): string {
  if (result?.status !== 'succeeded') return '';
  return result.action === 'account_unlock'
    ? 'Your account is unlocked. '
    : 'You will receive an email from your sign-in service to choose a new password. ';
}

/** The delivery row, and the provider's first word on the message, in the sending transaction. */
async function recordDelivery(
  db: EntityManager,
  sent: SendResult,
  delivery: Omit<DeliveryEntity, 'id' | 'createdAt' | 'provider' | 'providerMessageId'>,
): Promise<void> {
  await db.insert(DeliveryEntity, { ...delivery, provider: sent.provider, providerMessageId: sent.providerMessageId });
  if (sent.status && sent.providerMessageId) {
    await recordMessageStatus(db, { provider: sent.provider, providerMessageId: sent.providerMessageId, status: sent.status });
  }
}

/** Stable across retries of one activity, distinct between activities and workflows. */
function deliveryIdempotencyKey(): string {
  const { workflowExecution, activityId } = Context.current().info;
  return `${workflowExecution?.workflowId}/${activityId}`;
}
