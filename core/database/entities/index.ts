import { ApiKeyEntity } from './api-key.entity';
import { AuditEventEntity } from './audit-event.entity';
import { ChallengeQuestionEntity } from './challenge-question.entity';
import { ConsoleSessionEntity, OidcLoginAttemptEntity } from './console-session.entity';
import { DeliveryEntity } from './delivery.entity';
import { DevOutboxMessageEntity } from './dev-outbox-message.entity';
import { DirectoryMeetingEntity, DirectorySigninEntity, DirectorySyncEntity, DirectoryUserEntity } from './directory.entities';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { MessageStatusEntity } from './message-status.entity';
import { PolicyVersionEntity } from './policy-version.entity';
import { PasskeyChallengeEntity, RecoveryPasskeyEntity } from './recovery-passkey.entity';
import { SspSessionEntity } from './ssp-session.entity';
import { VerificationLinkEntity } from './verification-link.entity';
import { VerificationEntity } from './verification.entity';
import { VouchRequestEntity } from './vouch-request.entity';
import { WebhookDeliveryEntity, WebhookEventEntity, WebhookSubscriptionEntity } from './webhook.entities';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

export type { PasskeyCeremony } from './recovery-passkey.entity';
export type { VouchHow, VouchStatus } from './vouch-request.entity';
export { REFEREE_METHODS, REFEREE_VERDICTS, type RefereeCheck } from './verification.entity';

export {
  ApiKeyEntity,
  AuditEventEntity,
  ChallengeQuestionEntity,
  ConsoleSessionEntity,
  DeliveryEntity,
  DevOutboxMessageEntity,
  DirectoryMeetingEntity,
  DirectorySigninEntity,
  DirectorySyncEntity,
  DirectoryUserEntity,
  IdempotencyKeyEntity,
  MessageStatusEntity,
  OidcLoginAttemptEntity,
  PasskeyChallengeEntity,
  PolicyVersionEntity,
  RecoveryPasskeyEntity,
  SspSessionEntity,
  VerificationEntity,
  VerificationLinkEntity,
  VouchRequestEntity,
  WebhookDeliveryEntity,
  WebhookEventEntity,
  WebhookSubscriptionEntity,
  WorkerHeartbeatEntity,
};

export const ENTITIES = [
  ApiKeyEntity,
  AuditEventEntity,
  ChallengeQuestionEntity,
  ConsoleSessionEntity,
  DeliveryEntity,
  DevOutboxMessageEntity,
  DirectoryMeetingEntity,
  DirectorySigninEntity,
  DirectorySyncEntity,
  DirectoryUserEntity,
  IdempotencyKeyEntity,
  MessageStatusEntity,
  OidcLoginAttemptEntity,
  PasskeyChallengeEntity,
  PolicyVersionEntity,
  RecoveryPasskeyEntity,
  SspSessionEntity,
  VerificationEntity,
  VerificationLinkEntity,
  VouchRequestEntity,
  WebhookDeliveryEntity,
  WebhookEventEntity,
  WebhookSubscriptionEntity,
  WorkerHeartbeatEntity,
];
