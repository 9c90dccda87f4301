import type { WebhookRetryPolicy } from '../../workflows/webhook-delivery/webhook-delivery.workflow';
import { bool, ConfigError, httpUrl, int, required } from './env';
import { loadSlack, type SlackConfig } from './slack-config';

/** Twilio Programmable Messaging. On when TWILIO_ACCOUNT_SID is set. */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A sender number in E.164, or… */
  from?: string;
  /** …a Messaging Service, which picks the sender itself. */
  messagingServiceSid?: string;
  /** Another host for the REST API (a regional gateway, or a local peer in tests). */
  apiBaseUrl?: string;
  /** Check SMS destinations with Twilio Lookup v2 (SIM swap, line type) before sending. */
  lookup: boolean;
}

/** An SMTP relay. On when SMTP_URL or SMTP_HOST is set. */
export interface SmtpConfig {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; wins over host, port, user and pass. */
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  pass?: string;
  /** TLS from the first byte (port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades with STARTTLS. */
  requireTls: boolean;
  tlsRejectUnauthorized: boolean;
  from: string;
}

export interface KeycloakSettings {
  /** The server root, e.g. https://sso.example.com (no /auth suffix on Keycloak 17+). */
  baseUrl: string;
  /** The realm the users live in. */
  realm: string;
  /** The realm of the service-account client; usually the same realm. */
  tokenRealm: string;
  clientId: string;
  clientSecret: string;
  /** How long the emailed action link stays valid, in seconds; Keycloak's default when absent. */
  actionsLifespanSeconds?: number;
}

/** The IdP action after an accepted approval: `manual` records it; `keycloak` acts through the admin REST API. */
export type ResetConnectorConfig = { kind: 'manual' } | ({ kind: 'keycloak' } & KeycloakSettings);

/** A SCIM 2.0 service provider to sync the directory from. On when SCIM_URL is set. */
export interface ScimConfig {
  kind: 'scim';
  /** The SCIM base URL, e.g. https://idp.example.com/scim/v2 (Users and Groups live under it). */
  baseUrl: string;
  token: string;
  pageSize: number;
}

/** A file in the import format (JSON or people CSV), re-read at each sync. On when RESETGATE_DIRECTORY_FILE is set. */
export interface DirectoryFileConfig {
  kind: 'file';
  path: string;
}

/** Where the scheduled directory sync reads people from, and how often the Temporal Schedule runs it. */
export type DirectorySourceConfig = (ScimConfig | DirectoryFileConfig) & { intervalMinutes: number };

export interface Integrations {
  twilio?: TwilioConfig;
  smtp?: SmtpConfig;
  /** Vouch requests to the manager's Slack direct messages (email when Slack does not know them). */
  slack?: SlackConfig;
  resetConnector: ResetConnectorConfig;
  directorySource?: DirectorySourceConfig;
  /** How webhook deliveries back off: by default about six hours of attempts. */
  webhookRetry: WebhookRetryPolicy;
  /** Webhooks may go to loopback, private and link-local addresses (a receiver inside the network; tests). */
  webhookAllowPrivate: boolean;
}

export function loadIntegrations(env: NodeJS.ProcessEnv): Integrations {
  return {
    twilio: loadTwilio(env),
    smtp: loadSmtp(env),
    slack: loadSlack(env),
    resetConnector: loadResetConnector(env),
    directorySource: loadDirectorySource(env),
    webhookRetry: {
      initialIntervalSeconds: int(env, 'RESETGATE_WEBHOOK_RETRY_INITIAL_SECONDS', 10, 1, 3600),
      maximumIntervalSeconds: int(env, 'RESETGATE_WEBHOOK_RETRY_MAX_SECONDS', 3600, 1, 86_400),
      maximumAttempts: int(env, 'RESETGATE_WEBHOOK_MAX_ATTEMPTS', 15, 1, 100),
    },
    webhookAllowPrivate: bool(env, 'RESETGATE_WEBHOOK_ALLOW_PRIVATE', false),
  };
}

function loadResetConnector(env: NodeJS.ProcessEnv): ResetConnectorConfig {
  const kind = env.RESETGATE_RESET_CONNECTOR || 'manual';
  if (kind === 'manual') return { kind };
  if (kind !== 'keycloak') throw new ConfigError(`RESETGATE_RESET_CONNECTOR must be manual or keycloak, got "${kind}"`);
  const why = 'when RESETGATE_RESET_CONNECTOR=keycloak';
  const realm = required(env, 'KEYCLOAK_REALM', why);
  return {
    kind,
    baseUrl: httpUrl(env, 'KEYCLOAK_URL', required(env, 'KEYCLOAK_URL', why)),
    realm,
    tokenRealm: env.KEYCLOAK_TOKEN_REALM || realm,
    clientId: required(env, 'KEYCLOAK_CLIENT_ID', why),
    clientSecret: required(env, 'KEYCLOAK_CLIENT_SECRET', why),
    actionsLifespanSeconds: env.KEYCLOAK_ACTIONS_LIFESPAN_SECONDS
      ? int(env, 'KEYCLOAK_ACTIONS_LIFESPAN_SECONDS', 0, 60, 2_592_000)
      : undefined,
  };
}

function loadTwilio(env: NodeJS.ProcessEnv): TwilioConfig | undefined {
  if (!env.TWILIO_ACCOUNT_SID) return undefined;
  const why = 'when TWILIO_ACCOUNT_SID is set';
  const accountSid = env.TWILIO_ACCOUNT_SID;
  if (!/^AC[0-9a-f]{32}$/i.test(accountSid)) throw new ConfigError(`TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits`);
  const from = env.TWILIO_FROM || undefined;
  const messagingServiceSid = env.TWILIO_MESSAGING_SERVICE_SID || undefined;
  if (!from && !messagingServiceSid) throw new ConfigError(`Set TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID ${why}`);
  if (from && !/^\+[1-9]\d{6,14}$/.test(from) && !/^[A-Za-z0-9 ]{1,11}$/.test(from)) {
    throw new ConfigError(`TWILIO_FROM must be an E.164 number or an alphanumeric sender ID, got "${from}"`);
  }
  if (messagingServiceSid && !/^MG[0-9a-f]{32}$/i.test(messagingServiceSid)) {
    throw new ConfigError('TWILIO_MESSAGING_SERVICE_SID must look like MG followed by 32 hex digits');
  }
  return {
    accountSid,
    authToken: required(env, 'TWILIO_AUTH_TOKEN', why),
    from,
    messagingServiceSid,
    apiBaseUrl: env.TWILIO_API_BASE_URL ? httpUrl(env, 'TWILIO_API_BASE_URL') : undefined,
    lookup: bool(env, 'TWILIO_LOOKUP', true),
  };
}

function loadSmtp(env: NodeJS.ProcessEnv): SmtpConfig | undefined {
  if (!env.SMTP_URL && !env.SMTP_HOST) return undefined;
  const why = 'when SMTP_URL or SMTP_HOST is set';
  if (env.SMTP_URL && !/^smtps?:\/\/[^/]+/.test(env.SMTP_URL)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const from = required(env, 'RESETGATE_MAIL_FROM', why);
  if (!/^(?:[^<>@\s]+@[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+>)$/.test(from)) {
    throw new ConfigError(`RESETGATE_MAIL_FROM must be an address, optionally with a name ("Helpdesk <it@example.com>"), got "${from}"`);
  }
  return {
    url: env.SMTP_URL || undefined,
    host: env.SMTP_HOST || undefined,
    port: env.SMTP_PORT ? int(env, 'SMTP_PORT', 587, 1, 65535) : undefined,
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    secure: bool(env, 'SMTP_SECURE', false),
    requireTls: bool(env, 'SMTP_REQUIRE_TLS', false),
    tlsRejectUnauthorized: bool(env, 'SMTP_TLS_REJECT_UNAUTHORIZED', true),
    from,
  };
}

function loadDirectorySource(env: NodeJS.ProcessEnv): DirectorySourceConfig | undefined {
  if (env.SCIM_URL && env.RESETGATE_DIRECTORY_FILE) throw new ConfigError('Set SCIM_URL or RESETGATE_DIRECTORY_FILE, not both');
  const intervalMinutes = int(env, 'RESETGATE_DIRECTORY_SYNC_MINUTES', 60, 1, 10_080);
  if (env.RESETGATE_DIRECTORY_FILE) return { kind: 'file', path: env.RESETGATE_DIRECTORY_FILE, intervalMinutes };
  if (!env.SCIM_URL) return undefined;
  return {
    kind: 'scim',
    baseUrl: httpUrl(env, 'SCIM_URL'),
    token: required(env, 'SCIM_TOKEN', 'when SCIM_URL is set'),
    pageSize: int(env, 'SCIM_PAGE_SIZE', 200, 1, 1000),
    intervalMinutes,
  };
}
