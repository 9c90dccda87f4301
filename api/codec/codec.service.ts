import { Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import { requirePayloadKeys } from '../../core/temporal/data-converter';
import { EncryptionCodec, isEncrypted, keyIdOf, PayloadDecryptionError } from '../../core/temporal/encryption-codec';

/** The remote codec for the Temporal UI and CLI: the same keys and cipher as the workers. */
@Injectable()
export class CodecService {
  private readonly codec: EncryptionCodec;

  constructor(
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.codec = new EncryptionCodec(requirePayloadKeys(config.payloadKeys));
  }

  /** Seeing plaintext is audited: who, which namespace, how many payloads and under which keys. */
  async decode(payloads: Payload[], namespace: string | undefined, who: Principal, sourceIp: string | null): Promise<Payload[]> {
    const ns = this.checkNamespace(namespace);
    let decoded: Payload[];
    try {
      decoded = await this.codec.decode(payloads);
    } catch (err) {
      if (err instanceof PayloadDecryptionError)
        throw new ProblemException('payloadNotDecryptable', `Nothing was decoded: ${err.message}.`);
      throw err;
    }
    const sealed = payloads.filter(isEncrypted);
    // A request of clear payloads only (histories from before encryption) reveals nothing new.
    if (sealed.length) {
      await this.audit.record({
        actor: who.id,
        action: 'payloads.decoded',
        targetType: 'temporal-namespace',
        targetId: ns,
        sourceIp,
        details: { payloads: payloads.length, decrypted: sealed.length, keyIds: [...new Set(sealed.map(keyIdOf))].sort() },
      });
    }
    return decoded;
  }

  async encode(payloads: Payload[], namespace: string | undefined): Promise<Payload[]> {
    this.checkNamespace(namespace);
    return this.codec.encode(payloads);
  }

  /**
   * The keys belong to this deployment's namespace; another namespace's UI is misconfigured. The
   * CLI sends an empty X-Namespace when it was given no --namespace: that means the default.
   */
  private checkNamespace(namespace: string | undefined): string {
    const ours = this.config.temporalNamespace;
    if (namespace && namespace !== ours) {
      throw new ProblemException('validation', `This codec serves the namespace "${ours}"; X-Namespace was "${namespace}".`);
    }
    return ours;
  }
}
