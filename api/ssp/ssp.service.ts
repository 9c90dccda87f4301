import { randomBytes } from 'node:crypto';
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
   * Spends the link: one conditional UPDATE, so two presses of "Start" can never both win.
   * Used, expired, revoked and unknown tokens take the same path and get the same answer.
   */
  async start(token: string, signals: ClientSignalsDto | undefined, context: RequestContext) {
    const { raw: rows } = await this.dataSource
      .createQueryBuilder()
      .update(VerificationLinkEntity)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', { hash: hashSecret(token) })
      .returning('verification_id')
      .execute();
    if (rows.length === 0) {
      this.logger.warn(`link redemption refused (no live link matches)`);
      throw new ProblemException('linkInvalid', LINK_INVALID);
    }
    const verificationId: string = rows[0].verification_id;
    await this.audit.record({
      actor: 'ssp-user',
      action: 'link.redeemed',
      targetType: 'verification',
      targetId: verificationId,
      sourceIp: context.ip,
    });

    const started = await this.workflows.update(verificationId, startSession, this.withRequest(signals, context));
    if (!started.accepted) {
      this.logger.warn(`verification ${verificationId}: session not started: ${started.reason}`);
      const state = await this.workflows.state(verificationId);
      if (state?.status === 'not_enough_questions') return { status: 'not_enough_questions' as const };
      throw new ProblemException('linkInvalid', LINK_INVALID);
    }
    const { sessionExpiresAt, questionCount } = started.result;
    const sessionId = randomBytes(32).toString('base64url');
    await this.dataSource
      .getRepository(SspSessionEntity)
      .insert({ verificationId, sessionHash: hashSecret(sessionId), expiresAt: new Date(sessionExpiresAt) });
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
    const graded = await this.workflows.update(session.verificationId, submitAnswer, {
      questionId: question.id,
      answer,
      elapsedMs: dto.elapsedMs,
      pasted: dto.pasted ?? false,
    });
    if (!graded.accepted) throw new ProblemException('answerRefused', `This answer was not accepted: ${graded.reason}.`);
    const rows = await this.questionRows(session.verificationId);
    return { answered: rows.filter((q) => q.grade !== null).length, total: rows.length };
  }

  async finish(session: SspSessionEntity, signals: ClientSignalsDto | undefined, context: RequestContext) {
    const finished = await this.workflows.update(session.verificationId, finishSession, this.withRequest(signals, context));
    if (!finished.accepted) {
      throw new ProblemException('sessionInvalid', `This verification has already ended (${finished.reason}). Contact the helpdesk.`);
    }
    await this.dataSource.getRepository(SspSessionEntity).update(session.id, { finishedAt: new Date() });
    return { outcome: finished.result.outcome };
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
