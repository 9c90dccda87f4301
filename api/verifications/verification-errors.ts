import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';

/**
 * Why Temporal refused an Update: the validator's message, or "the workflow has finished".
 * Undefined means the error was not a refusal (the service is down, say).
 */
export function refusalReason(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
  if (error instanceof WorkflowNotFoundError) return 'the verification has finished';
  if (isGrpcServiceError(error) && /completed|finished|not found/i.test(error.details ?? error.message)) {
    return 'the verification has finished';
  }
  return undefined;
}
