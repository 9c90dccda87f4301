export { verificationWorkflow } from './verification.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
