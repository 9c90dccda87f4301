import { HttpException } from '@nestjs/common';

export const PROBLEM_BASE = 'https://resetgate.dev/problems/';

/**
 * RFC 9457 problem types. The slug is the stable contract integrators match on; the title is
 * the same for every occurrence; the detail says what to do.
 */
export const PROBLEMS = {
  malformedJson: { slug: 'malformed-json', status: 400, title: 'The request body is not valid JSON' },
  validation: { slug: 'validation-failed', status: 400, title: 'The request is not valid' },
  unauthorized: { slug: 'unauthorized', status: 401, title: 'Authentication required' },
  forbidden: { slug: 'forbidden', status: 403, title: 'Not allowed for your role' },
  csrfFailed: { slug: 'csrf-failed', status: 403, title: 'The request did not come from the console' },
  signInFailed: { slug: 'sign-in-failed', status: 400, title: 'The sign-in could not be completed' },
  stepUpUnavailable: { slug: 'step-up-unavailable', status: 409, title: 'Signing in at the identity provider is not available now' },
  ssoUnavailable: { slug: 'sso-unavailable', status: 503, title: 'The identity provider is unavailable' },
  identityDocumentUnavailable: { slug: 'identity-document-unavailable', status: 409, title: 'An identity document cannot be checked now' },
  identityDocumentInvalid: { slug: 'identity-document-invalid', status: 400, title: 'The identity document check could not be completed' },
  identityVerificationUnavailable: {
    slug: 'identity-verification-unavailable',
    status: 503,
    title: 'The identity-verification provider is unavailable',
  },
  signatureInvalid: { slug: 'signature-invalid', status: 403, title: 'The request signature is missing or not valid' },
  notFound: { slug: 'not-found', status: 404, title: 'Not found' },
  linkInvalid: { slug: 'link-invalid', status: 404, title: 'This verification link is not valid' },
  sessionInvalid: { slug: 'session-invalid', status: 401, title: 'No active verification session' },
  unsupportedMediaType: { slug: 'unsupported-media-type', status: 415, title: 'Send application/json' },
  payloadTooLarge: { slug: 'payload-too-large', status: 413, title: 'The request body is too large' },
  unknownUser: { slug: 'unknown-user', status: 422, title: 'No such user in the directory' },
  destinationRefused: { slug: 'destination-refused', status: 422, title: 'This destination cannot receive a verification link' },
  verificationNotOpen: { slug: 'verification-not-open', status: 409, title: 'The verification is no longer open' },
  approvalRefused: { slug: 'approval-refused', status: 409, title: 'The reset cannot be approved' },
  directoryNotConfigured: { slug: 'directory-sync-not-configured', status: 409, title: 'No directory connector is configured' },
  answerRefused: { slug: 'answer-refused', status: 409, title: 'The answer was not accepted' },
  passkeyUnavailable: { slug: 'passkey-unavailable', status: 409, title: 'A recovery passkey cannot be used now' },
  passkeyEnrolmentInvalid: { slug: 'passkey-enrolment-invalid', status: 401, title: 'No recovery passkey can be added now' },
  passkeyChallengeInvalid: { slug: 'passkey-challenge-invalid', status: 400, title: 'The passkey prompt expired or was already answered' },
  passkeyRefused: { slug: 'passkey-refused', status: 400, title: 'The passkey response did not verify' },
  proofRefused: { slug: 'proof-refused', status: 409, title: 'The verification did not accept the proof' },
  vouchUnavailable: { slug: 'vouch-unavailable', status: 409, title: 'Asking someone to vouch is not available now' },
  vouchLinkInvalid: { slug: 'vouch-link-invalid', status: 404, title: 'This vouch link is not valid' },
  vouchSessionInvalid: { slug: 'vouch-session-invalid', status: 401, title: 'No vouch request is open in this browser' },
  refereeCheckRefused: { slug: 'referee-check-refused', status: 409, title: 'The referee’s check cannot be recorded' },
  vouchClosed: { slug: 'vouch-closed', status: 409, title: 'The vouch request can no longer be answered' },
  policyChanged: { slug: 'policy-changed', status: 409, title: 'The policy changed since you loaded it' },
  policyInvalid: { slug: 'policy-invalid', status: 422, title: 'The policy is not consistent' },
  webhookDestinationRefused: {
    slug: 'webhook-destination-refused',
    status: 422,
    title: 'Webhooks cannot be sent to this address',
  },
  payloadNotDecryptable: {
    slug: 'payload-not-decryptable',
    status: 422,
    title: 'A payload cannot be decrypted with the configured keys',
  },
  originNotAllowed: { slug: 'origin-not-allowed', status: 403, title: 'This origin may not call the codec endpoint' },
  exportRangeInvalid: { slug: 'export-range-invalid', status: 400, title: 'The export date range is not valid' },
  idempotencyKeyReused: { slug: 'idempotency-key-reused', status: 422, title: 'This Idempotency-Key was used for a different request' },
  dailyLimit: { slug: 'daily-limit-reached', status: 429, title: 'Too many verifications for this user today' },
  rateLimited: { slug: 'rate-limited', status: 429, title: 'Too many requests' },
  notReady: { slug: 'not-ready', status: 503, title: 'Not ready to serve' },
  temporalUnavailable: { slug: 'workflow-service-unavailable', status: 503, title: 'The workflow service is unavailable' },
  databaseUnavailable: { slug: 'database-unavailable', status: 503, title: 'The database is unavailable' },
  stillWorking: { slug: 'still-working', status: 503, title: 'The request was accepted and is still being processed' },
  // Nobody reads it: the client hung up. 499, as proxies log it, keeps it apart from our own errors.
  requestAbandoned: { slug: 'request-abandoned', status: 499, title: 'The client closed the request' },
  internal: { slug: 'internal-error', status: 500, title: 'Something went wrong on our side' },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

/** Thrown anywhere; the problem filter renders it as application/problem+json. */
export class ProblemException extends HttpException {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** For a 503 or 429: the Retry-After the client gets, when it differs from the default. */
    readonly retryAfter?: number,
  ) {
    super(detail, PROBLEMS[kind].status);
  }
}
