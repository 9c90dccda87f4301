import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type RefereeCheck, VerificationEntity } from '../../core/database/entities';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import type { RefereeCheckDto } from './dto/referee-check.dto';
import { toVerificationView, type VerificationView } from './verification.view';

/**
 * The referee's check after `needs_referee` (docs/assurance.md): a named second person checks the
 * caller in person or on video and records what they saw. Once per verification, never by the
 * agent who started it, never by an API key: a person answers for it.
 */
@Injectable()
export class RefereeChecks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(id: string, dto: RefereeCheckDto, principal: Principal, sourceIp: string | null): Promise<VerificationView> {
    const verification = await this.dataSource.getRepository(VerificationEntity).findOneBy({ id });
    if (!verification) throw new ProblemException('notFound', `No verification with id ${id}.`);
    const refuse = (why: string) => new ProblemException('refereeCheckRefused', why);
    // Spaces are not evidence: the length counts what is kept.
    const evidence = dto.evidence.trim();
    if (evidence.length < 10)
      throw new ProblemException('validation', 'evidence must say what you saw and checked, in 10 characters or more.');
    if (principal.kind !== 'console_user') throw refuse('A named person records a referee’s check: sign in to the console.');
    if (verification.outcome !== 'needs_referee')
      throw refuse(`Only a verification that needs a referee takes one (this one is ${verification.status}).`);
    if (verification.initiatedBy === principal.id) throw refuse('A second person must check: you started this verification.');

    const check: RefereeCheck = {
      referee: principal.id,
      method: dto.method,
      verdict: dto.verdict,
      evidence,
      at: new Date().toISOString(),
    };
    await this.dataSource.transaction(async (db) => {
      // Conditional: of two referees recording at once, one wins; the other changes nothing.
      const { affected } = await db
        .createQueryBuilder()
        .update(VerificationEntity)
        .set({ refereeCheck: check })
        .where(`id = :id AND outcome = 'needs_referee' AND referee_check IS NULL`, { id })
        .execute();
      if (!affected) throw refuse('A referee’s check was already recorded for this verification.');
      await this.audit.record(
        {
          actor: principal.id,
          action: 'verification.referee_checked',
          targetType: 'verification',
          targetId: id,
          sourceIp,
          details: { method: check.method, verdict: check.verdict },
        },
        db,
      );
    });
    return toVerificationView(await this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id }));
  }
}
