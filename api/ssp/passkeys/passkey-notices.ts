import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { AppConfig } from '../../../core/config/app-config';
import { passkeyNoticeWorkflow, passkeyNoticeWorkflowId } from '../../../workflows/notices/passkey-notice.workflow';
import type { PasskeyNoticeInput } from '../../../workflows/notices/activities';
import { AuditService } from '../../audit/audit.service';

/**
 * After a passkey is added: the notice on every address on file, sent by a durable workflow so it
 * survives a crash of the API or the worker. Started after the passkey is committed; if Temporal
 * cannot take it, the audit log says so, for the security team to follow up.
 */
@Injectable()
export class PasskeyNotices {
  private readonly logger = new Logger(PasskeyNotices.name);

  constructor(
    @Inject(Client) private readonly client: Client,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async send(input: PasskeyNoticeInput): Promise<void> {
    try {
      await this.client.workflow.start(passkeyNoticeWorkflow, {
        workflowId: passkeyNoticeWorkflowId(input.passkeyId),
        taskQueue: this.config.taskQueue,
        args: [input],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      this.logger.error(`the notice for passkey ${input.passkeyId} could not be started: ${String(err)}`);
      await this.audit.record({
        actor: 'system',
        action: 'passkey.notice_not_sent',
        targetType: 'verification',
        targetId: input.verificationId,
        details: { passkeyId: input.passkeyId, error: String(err).slice(0, 200) },
      });
    }
  }
}
