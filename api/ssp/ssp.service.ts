import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QuestionOption, UserAnswer } from '../../workflows/verification/question';
import { type ClientSignals, finishSession, startSession, submitAnswer } from '../../workflows/verification/messages';
import { AuditService } from '../audit/audit.service';
import { ProblemException } from '../common/problem';
import { ChallengeQuestionEntity, SspSessionEntity, VerificationEntity, VerificationLinkEntity } from '../../core/database/entities';
import { VerificationWorkflows } from '../verifications/verification-workflows';
import type { AnswerDto, ClientSignalsDto } from './dto/ssp.dto';
import { PasskeyAssertionService } from './passkeys/passkey-assertion.service';
import { IdentityDocumentService } from './identity-document/identity-document.service';
import { hashSecret } from '../../core/security/hash-secret';

const LINK_INVALID = 'Ask the helpdesk for a new link. Links work once and expire after a few minutes.';

export interface RequestContext {
  ip: string | null;
  userAgent: string | undefined;
}

@Injectable()
export class SspService {
  private readonly logger = new Logger(SspService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: VerificationWorkflows,
    private readonly audit: AuditService,
    private readonly passkeys: PasskeyAssertionService,
    private readonly identityDocument: IdentityDocumentService,
  ) {}

  /**
   * Spends the link and opens the session, as one step a retry can repeat. The spend is one
   * conditional UPDATE, so two presses of "Start" can never both win, and it commits with its
   * audit event. `attemptKey` is the nonce the page made before pressing Start: a retry carrying
   * it (the first answer was lost, or Temporal was briefly down) resumes the same verification
   * instead of meeting a spent link. Used, expired, revoked and unknown tokens get the same answer.
   */
  async start(token: string, signals: ClientSignalsDto | undefined, context: RequestContext, attemptKey?: string) {
    const attempt = attemptKey ? hashSecret(`ssp-start:${attemptKey}`) : null;
    const redemption = await this.dataSource.transaction(async (db) => {
      const { raw: spent } = await db
        .createQueryBuilder()
        .update(VerificationLinkEntity)
        .set({ usedAt: () => 'now()', redeemedByAttempt: attempt })
        .where('token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', { hash: hashSecret(token) })
        .returning('verification_id')
        .execute();
      if (spent.length > 0) {
        const verificationId: string = spent[0].verification_id;
        await this.audit.record(
          { actor: 'ssp-user', action: 'link.redeemed', targetType: 'verification', targetId: verificationId, sourceIp: context.ip },
          db,
        );
        return { verificationId, resumed: false };
      }
      const mine = attempt && (await db.findOneBy(VerificationLinkEntity, { tokenHash: hashSecret(token), redeemedByAttempt: attempt }));
      return mine && !mine.revokedAt ? { verificationId: mine.verificationId, resumed: true } : null;
    });
    if (!redemption) {
      this.logger.warn(`link redemption refused (no live link matches)`);
      throw new ProblemException('linkInvalid', LINK_INVALID);
    }
    const { verificationId, resumed } = redemption;

    // One session start per verification: a fixed Update id, so a retry gets the first start's answer.
    const started = await this.workflows.update(verificationId, startSession, this.withRequest(signals, context), 'start-session');
    if (!started.accepted) {
      this.logger.warn(`verification ${verificationId}: session not started: ${started.reason}`);
      const state = await this.workflows.state(verificationId);
      if (state?.status === 'not_enough_questions') return { status: 'not_enough_questions' as const };
      throw new ProblemException('linkInvalid', LINK_INVALID);
    }
    const { sessionExpiresAt, questionCount } = started.result;
    const sessionId = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (db) => {
      await db.insert(SspSessionEntity, { verificationId, sessionHash: hashSecret(sessionId), expiresAt: new Date(sessionExpiresAt) });
      if (resumed) {
        await this.audit.record(
          { actor: 'ssp-user', action: 'ssp_session.resumed', targetType: 'verification', targetId: verificationId, sourceIp: context.ip },
          db,
        );
      }
    });
    return { status: 'in_progress' as const, sessionId, sessionExpiresAt, questionCount };
  }

  /** The questions without their keys: ids, text, options, and whether each is answered. */
  async questions(session: SspSessionEntity) {
    const rows = await this.questionRows(session.verificationId);
    const verification = await this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: session.verificationId });
    return {
      sessionExpiresAt: session.expiresAt.toISOString(),
      stepUp: {
        offered: !!verification.policy.idpStepUp && !verification.stepUp,
        result: verification.stepUp ? (verification.stepUp.matched ? 'matched' : 'mismatch') : null,
      },
      passkey: await this.passkeys.offer(verification),
      identityDocument: this.identityDocument.offer(verification),
      total: rows.length,
      answered: rows.filter((q) => q.grade !== null).length,
      questions: rows.map((q) => ({ id: q.id, kind: q.kind, type: q.type, text: q.text, options: q.options, answered: q.grade !== null })),
    };
  }

  /** Hands the answer to the workflow, which grades it server side. The grade is not shown to the user. */
  async answer(session: SspSessionEntity, dto: AnswerDto) {
    const question = (await this.questionRows(session.verificationId)).find((q) => q.id === dto.questionId);
    if (!question) throw new ProblemException('notFound', 'No such question in this verification.');
    const answer = parseAnswer(question.type, question.options, dto.answer);
    // The same answer sent again (a retry) is the same Update, and gets the first one's result.
    const graded = await this.workflows.update(
      session.verificationId,
      submitAnswer,
      { questionId: question.id, answer, elapsedMs: dto.elapsedMs, pasted: dto.pasted ?? false },
      `answer-${question.id}-${createHash('sha256').update(JSON.stringify(answer)).digest('base64url').slice(0, 22)}`,
    );
    if (!graded.accepted) throw new ProblemException('answerRefused', `This answer was not accepted: ${graded.reason}.`);
    const rows = await this.questionRows(session.verificationId);
    return { answered: rows.filter((q) => q.grade !== null).length, total: rows.length };
  }

  /**
   * Marks the session finished, then asks the workflow to decide. Both steps repeat safely: the
   * Update has a fixed id, and a retry after the workflow closed reads the recorded outcome.
   */
  async finish(session: SspSessionEntity, signals: ClientSignalsDto | undefined, context: RequestContext) {
    if (!session.finishedAt) await this.dataSource.getRepository(SspSessionEntity).update(session.id, { finishedAt: new Date() });
    const finished = await this.workflows.update(
      session.verificationId,
      finishSession,
      this.withRequest(signals, context),
      'finish-session',
    );
    if (finished.accepted) return { outcome: finished.result.outcome };
    const recorded = await this.dataSource.getRepository(VerificationEntity).findOneBy({ id: session.verificationId });
    if (recorded?.outcome) return { outcome: recorded.outcome };
    throw new ProblemException('sessionInvalid', `This verification has already ended (${finished.reason}). Contact the helpdesk.`);
  }

  private questionRows(verificationId: string) {
    return this.dataSource.getRepository(ChallengeQuestionEntity).find({ where: { verificationId }, order: { position: 'ASC' } });
  }

  /** The request's own IP and user agent win over anything the page claims. */
  private withRequest(signals: ClientSignalsDto | undefined, context: RequestContext): ClientSignals {
    return { ...signals, ip: context.ip ?? undefined, userAgent: context.userAgent?.slice(0, 512) };
  }
}

/** The answer must fit the question: known option ids, one for single choice, bounded text. */
function parseAnswer(type: string, options: QuestionOption[], raw: AnswerDto['answer']): UserAnswer | null {
  if (raw === null || raw === undefined) return null;
  const known = new Set(options.map((o) => o.id));
  const invalid = (detail: string) => new ProblemException('validation', detail);
  if (type === 'single') {
    if (typeof raw.optionId !== 'string' || !known.has(raw.optionId))
      throw invalid('answer.optionId must be one of the question’s option ids.');
    return { optionId: raw.optionId };
  }
  if (type === 'multi') {
    const ids = raw.optionIds;
    if (!Array.isArray(ids) || ids.length > options.length || !ids.every((id) => typeof id === 'string' && known.has(id))) {
      throw invalid('answer.optionIds must list option ids of the question.');
    }
    return { optionIds: [...new Set(ids as string[])] };
  }
  if (typeof raw.text !== 'string' || raw.text.length > 200) throw invalid('answer.text must be a string of at most 200 characters.');
  return { text: raw.text };
}
