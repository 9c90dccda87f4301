export { verificationWorkflow } from './verification.workflow';
