export { verificationWorkflow } from './verification.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
export { directorySyncWorkflow } from './directory-sync.workflow';
