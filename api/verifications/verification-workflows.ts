import { Logger } from '@nestjs/common';
import { type Client, isGrpcServiceError, type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { History } from '../../core/temporal/decode-history';
import { verificationWorkflow } from '../../workflows';
import { supersede, verificationState } from '../../workflows/verification/messages';
import type { VerificationInput, VerificationState } from '../../workflows/verification/model';
import { initiatedByKey, statusKey, targetUserKey } from '../../workflows/verification/search-attributes';
import { ProblemException } from '../common/problem';

/** The business id of a verification's workflow: one workflow per verification, found by its id. */
export function verificationWorkflowId(verificationId: string): string {
  return `verification-${verificationId}`;
}

/** An Update's answer: its result, or the reason the workflow refused it (a validator, or the workflow has finished). */
export type UpdateOutcome<Result> = { accepted: true; result: Result } | { accepted: false; reason: string };

/**
 * The one way into the verification workflow: its ids, start options, Updates with their refusals,
 * signals, queries and history. Temporal being unreachable becomes the same 503 everywhere.
 */
export class VerificationWorkflows {
  private readonly logger = new Logger(VerificationWorkflows.name);

  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts the workflow of a verification whose row is being written. */
  async start(input: VerificationInput): Promise<WorkflowHandle<typeof verificationWorkflow>> {
    return this.client.workflow
      .start(verificationWorkflow, {
        workflowId: verificationWorkflowId(input.verificationId),
        taskQueue: this.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: statusKey, value: 'created' },
          { key: targetUserKey, value: input.userId },
          { key: initiatedByKey, value: input.initiatedBy },
        ],
      })
      .catch((err: unknown) => {
        throw this.unavailable('start', err);
      });
  }

  /** Runs an Update to completion. A refusal is an answer, not an error; an outage is the 503. */
  async update<Result, Input>(
    verificationId: string,
    update: UpdateDefinition<Result, [Input]>,
    input: Input,
  ): Promise<UpdateOutcome<Result>> {
    try {
      const result = await this.handle(verificationId).executeUpdate(update, { args: [input] });
      return { accepted: true, result };
    } catch (err) {
      const reason = refusalReason(err);
      if (reason === undefined) throw this.unavailable(update.name, err);
      return { accepted: false, reason };
    }
  }

  /** Tells an open verification that a newer one replaced it. Best effort: the newer one's row already says so. */
  async supersede(verificationId: string, supersededBy: string): Promise<void> {
    await this.handle(verificationId)
      .signal(supersede, { supersededBy })
      .catch((err: unknown) => this.logger.warn(`supersede signal to ${verificationId} failed: ${String(err)}`));
  }

  /** The live state, or null when the workflow cannot be asked. */
  async state(verificationId: string): Promise<VerificationState | null> {
    return this.handle(verificationId)
      .query(verificationState)
      .catch(() => null);
  }

  /** The workflow history as Temporal stores it (payloads still sealed). */
  async history(verificationId: string): Promise<{ workflowId: string; history: History }> {
    const workflowId = verificationWorkflowId(verificationId);
    const history = await this.handle(verificationId)
      .fetchHistory()
      .catch((err: unknown) => {
        throw this.unavailable('fetchHistory', err);
      });
    return { workflowId, history };
  }

  private handle(verificationId: string): WorkflowHandle<typeof verificationWorkflow> {
    return this.client.workflow.getHandle(verificationWorkflowId(verificationId));
  }

  private unavailable(call: string, err: unknown): ProblemException {
    this.logger.error(`Temporal ${call} failed: ${String(err)}`);
    return new ProblemException('temporalUnavailable', 'Verification is briefly unavailable. Try again in a minute.');
  }
}

/**
 * Why Temporal refused an Update: the validator's message, or "the verification has finished".
 * Undefined means the error was not a refusal (the service is down, say).
 */
function refusalReason(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
  if (error instanceof WorkflowNotFoundError) return 'the verification has finished';
  if (isGrpcServiceError(error) && /completed|finished|not found/i.test(error.details ?? error.message)) {
    return 'the verification has finished';
  }
  return undefined;
}
