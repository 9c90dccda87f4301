import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import { PolicyVersionEntity } from '../../core/database/entities';
import type { UpdatePolicyDto } from './dto/update-policy.dto';
import {
  type AssuranceSettings,
  assuranceFromEnvironment,
  assuranceProblems,
  consoleVersionName,
  type PolicySettings,
  policyChanges,
} from '../../core/policy/policy-settings';

export interface PolicyInForce extends PolicySettings {
  /** The saved version, or null while the environment's first values apply. */
  saved: PolicyVersionEntity | null;
  /** Always known: a version saved before assurance was part of it takes the environment's. */
  assurance: AssuranceSettings;
}

/** Saves run one at a time, so two admins cannot both make version n+1. */
const SAVE_LOCK = 'policy_versions';

/**
 * The policies and limits in force: the newest version saved in the console, else the values
 * from the environment. Read afresh each time (one indexed row), so every API instance applies a
 * change at once. A verification keeps the policy it started with, in its row and its workflow.
 */
@Injectable()
export class PolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async current(db: EntityManager = this.dataSource.manager): Promise<PolicyInForce> {
    const [saved] = await db.find(PolicyVersionEntity, { order: { number: 'DESC' }, take: 1 });
    const fromEnvironment = () => assuranceFromEnvironment(this.config.assurance);
    if (saved) return { ...saved.settings, assurance: saved.settings.assurance ?? fromEnvironment(), saved };
    const { policy, maxVerificationsPerUserPerDay, privilegedGroups, agentsSeeRiskScore } = this.config;
    return { policy, maxVerificationsPerUserPerDay, privilegedGroups, agentsSeeRiskScore, assurance: fromEnvironment(), saved: null };
  }

  /** Newest first. */
  versions(limit = 100): Promise<PolicyVersionEntity[]> {
    return this.dataSource.getRepository(PolicyVersionEntity).find({ order: { number: 'DESC' }, take: limit });
  }

  /** Saves a new version, audited in the same transaction; refused if another was saved since the admin loaded theirs. */
  async update(dto: UpdatePolicyDto, who: Principal, sourceIp: string | null): Promise<PolicyInForce> {
    if (dto.policy.minAnswered > dto.policy.questionsAsked) {
      throw new ProblemException('policyInvalid', 'policy.minAnswered cannot be more than policy.questionsAsked: nobody could pass.');
    }
    const edited = dto.assurance && editedAssurance(dto.assurance);
    const problems = edited ? assuranceProblems(edited) : [];
    if (problems.length) throw new ProblemException('policyInvalid', problems.join(' '));
    return this.dataSource.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SAVE_LOCK]);
      const before = await this.current(db);
      if (dto.basedOnVersion !== before.policy.version) {
        throw new ProblemException(
          'policyChanged',
          `The version in force is ${before.policy.version}, not ${dto.basedOnVersion}: someone saved a newer one. Reload the settings and make your change again.`,
          { currentVersion: before.policy.version },
        );
      }
      const number = (before.saved?.number ?? 0) + 1;
      const settings: PolicySettings & Pick<PolicyInForce, 'assurance'> = {
        policy: { ...dto.policy, minQuestions: dto.policy.minAnswered, version: consoleVersionName(number) },
        maxVerificationsPerUserPerDay: dto.maxVerificationsPerUserPerDay,
        privilegedGroups: dto.privilegedGroups,
        agentsSeeRiskScore: dto.agentsSeeRiskScore,
        // Absent from the edit: the assurance in force is kept, and written down with this version.
        assurance: edited ?? before.assurance,
      };
      const saved = db.create(PolicyVersionEntity, { number, settings, changedBy: who.id, changedAt: new Date(), note: dto.note });
      await db.insert(PolicyVersionEntity, saved);
      await this.audit.record(
        {
          actor: who.id,
          action: 'policy.changed',
          targetType: 'policy',
          targetId: settings.policy.version,
          sourceIp,
          details: { from: before.policy.version, note: dto.note, changes: policyChanges(before, settings) },
        },
        db,
      );
      return { ...settings, saved };
    });
  }
}

/** The server names the two policies: verifications, receipts and the console know them by these names. */
function editedAssurance(edit: NonNullable<UpdatePolicyDto['assurance']>): AssuranceSettings {
  const policy = (name: string, p: typeof edit.standard) => ({
    name,
    required: [...p.required],
    strong: { count: p.strong.count, from: [...p.strong.from] },
  });
  return { mode: edit.mode, standard: policy('standard', edit.standard), privileged: policy('privileged', edit.privileged) };
}
