import { Injectable } from '@nestjs/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { AppConfig } from '../../core/config/app-config';
import { replayVerifications, replayWorkerOptions } from '../../core/replay/replay-verification';
import { decodeHistory } from '../../core/temporal/decode-history';
import { EncryptionCodec, PayloadDecryptionError } from '../../core/temporal/encryption-codec';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { VerificationsService } from '../verifications/verifications.service';
import { VerificationWorkflows } from '../verifications/verification-workflows';
import type { ReplayVerdictView } from './dto/replay-verdict.dto';

/** What auditors prove with: a verification's workflow history, and its replay on the current code. */
@Injectable()
export class ReplayService {
  constructor(
    private readonly verifications: VerificationsService,
    private readonly workflows: VerificationWorkflows,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The history with its payloads decrypted, so it reads and replays anywhere: the answers and
   * signals it holds leave the system, so the export is audited.
   */
  async history(id: string, principal: Principal, sourceIp: string | null): Promise<unknown> {
    await this.verifications.find(id);
    const { history } = await this.workflows.history(id);
    const decoded = await decodeHistory(history, [new EncryptionCodec(this.config.payloadKeys)]).catch((err: unknown) => {
      if (!(err instanceof PayloadDecryptionError)) throw err;
      throw new ProblemException('payloadNotDecryptable', `The history cannot be decrypted: ${err.message}.`);
    });
    await this.audit.record({ actor: principal.id, action: 'history.exported', targetType: 'verification', targetId: id, sourceIp });
    return JSON.parse(historyToJSON(decoded));
  }

  /** Replays the history against the current workflow code: a verdict and the decision timeline. */
  async replay(id: string): Promise<ReplayVerdictView> {
    await this.verifications.find(id);
    const verdicts = replayVerifications(replayWorkerOptions(), [await this.workflows.history(id)], this.config.payloadKeys);
    for await (const verdict of verdicts) return verdict;
    throw new Error('replay produced no verdict');
  }
}
