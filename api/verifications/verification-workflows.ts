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

/**
 * How long one API call waits for Temporal. Every request answers within about 5 s: an outage, or a
 * worker that does not pick the Update up, becomes a 503 the client can retry, never a hang.
 */
export const TEMPORAL_DEADLINE_MS = 3_500;

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
    return this.withinDeadline(() =>
      this.client.workflow.start(verificationWorkflow, {
        workflowId: verificationWorkflowId(input.verificationId),
        taskQueue: this.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: statusKey, value: 'created' },
          { key: targetUserKey, value: input.userId },
          { key: initiatedByKey, value: input.initiatedBy },
        ],
      }),
    ).catch((err: unknown) => {
      throw this.unavailable('start', err);
    });
  }

  /**
   * Runs an Update to completion within the deadline. A refusal is an answer, not an error; an
   * outage is the 503. `updateId` makes a retry safe: Temporal runs an Update id once per workflow
   * and hands a retry the first call's result. An Update accepted but not finished in time is a
   * 503 "still working", which the same retry turns into the result.
   */
  async update<Result, Input>(
    verificationId: string,
    update: UpdateDefinition<Result, [Input]>,
    input: Input,
    updateId?: string,
  ): Promise<UpdateOutcome<Result>> {
    let accepted = false;
    try {
      const result = await this.withinDeadline(async () => {
        const started = await this.handle(verificationId).startUpdate(update, { args: [input], waitForStage: 'ACCEPTED', updateId });
        accepted = true;
        return started.result();
      });
      return { accepted: true, result };
    } catch (err) {
      const reason = refusalReason(err);
      if (reason !== undefined) return { accepted: false, reason };
      if (accepted) {
        this.logger.warn(`Update ${update.name} to ${verificationId} accepted but not finished within ${TEMPORAL_DEADLINE_MS} ms`);
        throw new ProblemException(
          'stillWorking',
          'Your request was accepted and is still being processed. Send it again, unchanged, to get its result.',
          {},
          1,
        );
      }
      throw this.unavailable(update.name, err);
    }
  }

  /** Tells an open verification that a newer one replaced it. Best effort: the newer one's row already says so. */
  async supersede(verificationId: string, supersededBy: string): Promise<void> {
    await this.withinDeadline(() => this.handle(verificationId).signal(supersede, { supersededBy })).catch((err: unknown) =>
      this.logger.warn(`supersede signal to ${verificationId} failed: ${String(err)}`),
    );
  }

  /** The live state, or null when the workflow cannot be asked. */
  async state(verificationId: string): Promise<VerificationState | null> {
    return this.withinDeadline(() => this.handle(verificationId).query(verificationState)).catch(() => null);
  }

  /** The workflow history as Temporal stores it (payloads still sealed). */
  async history(verificationId: string): Promise<{ workflowId: string; history: History }> {
    const workflowId = verificationWorkflowId(verificationId);
    const history = await this.withinDeadline(() => this.handle(verificationId).fetchHistory()).catch((err: unknown) => {
      throw this.unavailable('fetchHistory', err);
    });
    return { workflowId, history };
  }

  /**
   * Runs Temporal calls under one deadline: the server learns it, and the abort stops the client's
   * own retries and reconnects, which would otherwise wait out an outage.
   */
  private withinDeadline<T>(calls: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + TEMPORAL_DEADLINE_MS;
    return this.client.withAbortSignal(AbortSignal.timeout(TEMPORAL_DEADLINE_MS), () => this.client.withDeadline(deadline, calls));
  }

  private handle(verificationId: string): WorkflowHandle<typeof verificationWorkflow> {
    return this.client.workflow.getHandle(verificationWorkflowId(verificationId));
  }

  private unavailable(call: string, err: unknown): ProblemException {
    this.logger.error(`Temporal ${call} failed: ${String(err)}`);
    return new ProblemException('temporalUnavailable', 'Verification is briefly unavailable. Try again in a few seconds.');
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
