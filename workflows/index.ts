export { verificationWorkflow } from './verification/verification.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery/webhook-delivery.workflow';
export { directorySyncWorkflow } from './directory-sync/directory-sync.workflow';
export { passkeyNoticeWorkflow } from './notices/passkey-notice.workflow';
