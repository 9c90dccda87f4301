import { ApplicationFailure } from '@temporalio/activity';

/**
 * The provider refused the message for good (an invalid number, a rejected address): retrying
 * cannot help, so the workflow ends the verification as `delivery_failed` at once.
 */
export function deliveryRefused(provider: string, reason: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${provider} refused the message: ${reason}`, 'DeliveryRefused');
}
