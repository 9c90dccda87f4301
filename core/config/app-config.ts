import { join } from 'node:path';
import type { VerificationPolicy } from '../../workflows/verification/model';
import { repoRoot } from '../repo-root';
import { ASSURANCE_MODES, type AssuranceMode, POLICY_BOUNDS } from '../policy/policy-settings';
import { bool, int, num, oneOf, origins } from './env';
import { type IdvConfig, loadIdvConfig } from './idv-config';
import { loadIntegrations, type Integrations } from './integrations-config';
import { parsePayloadKeys, type PayloadKeyRing } from './payload-keys';
import { list, loadSsoConfig, type SsoConfig } from './sso-config';

export { ConfigError } from './config-error';

export { ASSURANCE_MODES, type AssuranceMode } from '../policy/policy-settings';
export type { SsoConfig } from './sso-config';
export type { IdvConfig } from './idv-config';

/**
 * Every setting ResetGate reads, from the environment, validated once at start. The tables in
 * docs/configuration.md list the same variables.
 */
export class AppConfig implements Integrations {
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  temporalAddress?: string;
  temporalNamespace: string;
  taskQueue: string;
  bootstrapApiKey?: string;
  /** HMAC key of the audit hash chain. Keep it out of the database's reach. */
  auditKey?: string;
  /** Keys of the Temporal payload codec: the first encrypts, all decrypt. */
  payloadKeys?: PayloadKeyRing;
  /** The Temporal Web UI's origin, allowed to call the codec endpoint from the browser. */
  codecCorsOrigins: string[];
  devOutbox: boolean;
  seedDevDirectory: boolean;
  organisationDomains: string[];
  /** The first policies and limits; admins may save newer versions in the console (PolicyService). */
  maxVerificationsPerUserPerDay: number;
  policy: VerificationPolicy;
  privilegedGroups: string[];
  agentsSeeRiskScore: boolean;
  /**
   * What decides a verification: `proofs` (docs/assurance.md: the standard policy, or the
   * privileged one for members of the privileged groups) or `questions` (the earlier rule).
   */
  assurance: AssuranceMode;
  sso: SsoConfig;
  /** The identity-verification provider of the `identity_document` proof (`IDV_*`); none means the proof is unavailable. */
  idv?: IdvConfig;
  /** How often the live-status stream sends a keep-alive and re-checks the caller's credentials. */
  liveHeartbeatSeconds: number;
  /**
   * Express's `trust proxy`: which peers' X-Forwarded-For names the client. Off by default: any
   * local process (or a caller, through a misconfigured proxy) could otherwise pick its own IP and
   * pass every per-IP limit. Set it to the proxy's address, a hop count, or `true`.
   */
  trustProxy: boolean | number | string;
  /** Per-minute limits (per agent or key for links, per client IP for SSP starts). */
  limits: { linksPerAgentPerMinute: number; sspStartsPerIpPerMinute: number };
  /** Bearer token Prometheus sends for `/metrics`; without one, only this machine (loopback) may read them. */
  metricsToken?: string;
  logLevel: string;
  twilio?: Integrations['twilio'];
  smtp?: Integrations['smtp'];
  slack?: Integrations['slack'];
  resetConnector: Integrations['resetConnector'];
  webhookRetry: Integrations['webhookRetry'];
  webhookAllowPrivate: Integrations['webhookAllowPrivate'];
  directorySource?: Integrations['directorySource'];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const b = POLICY_BOUNDS;
  const linkLifetime = int(env, 'RESETGATE_LINK_LIFETIME_SECONDS', 900, b.linkLifetimeSeconds.min, b.linkLifetimeSeconds.max);
  const questionsAsked = int(env, 'RESETGATE_QUESTIONS', 4, b.questionsAsked.min, b.questionsAsked.max);
  const minAnswered = int(env, 'RESETGATE_MIN_ANSWERED', 3, b.minAnswered.min, questionsAsked);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    publicUrl,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RESETGATE_DATA_DIR ?? join(repoRoot(), '.data'),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'resetgate-verifications',
    bootstrapApiKey: env.RESETGATE_BOOTSTRAP_API_KEY || undefined,
    auditKey: env.RESETGATE_AUDIT_KEY || undefined,
    payloadKeys: env.RESETGATE_PAYLOAD_KEYS ? parsePayloadKeys(env.RESETGATE_PAYLOAD_KEYS) : undefined,
    codecCorsOrigins: origins(env, 'RESETGATE_CODEC_CORS_ORIGINS', 'http://localhost:8233'),
    devOutbox: bool(env, 'RESETGATE_DEV_OUTBOX', false),
    seedDevDirectory: bool(env, 'RESETGATE_SEED_DEV_DIRECTORY', true),
    organisationDomains: (env.RESETGATE_ORGANISATION_DOMAINS ?? 'example.com')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
    maxVerificationsPerUserPerDay: int(
      env,
      'RESETGATE_MAX_PER_USER_PER_DAY',
      5,
      b.maxVerificationsPerUserPerDay.min,
      b.maxVerificationsPerUserPerDay.max,
    ),
    policy: {
      version: env.RESETGATE_POLICY_VERSION ?? 'default-1',
      linkLifetimeSeconds: linkLifetime,
      sessionLifetimeSeconds: int(
        env,
        'RESETGATE_SESSION_LIFETIME_SECONDS',
        600,
        b.sessionLifetimeSeconds.min,
        b.sessionLifetimeSeconds.max,
      ),
      questionsAsked,
      minQuestions: minAnswered,
      minAnswered,
      passThreshold: num(env, 'RESETGATE_PASS_THRESHOLD', 0.5, b.passThreshold.min, b.passThreshold.max),
      riskStepUp: num(env, 'RESETGATE_RISK_STEP_UP', 0.08, b.riskStepUp.min, b.riskStepUp.max),
      maxRisk: num(env, 'RESETGATE_MAX_RISK', 5, b.maxRisk.min, b.maxRisk.max),
      approvalWindowSeconds: int(env, 'RESETGATE_APPROVAL_WINDOW_SECONDS', 1800, b.approvalWindowSeconds.min, b.approvalWindowSeconds.max),
      idpStepUp: bool(env, 'RESETGATE_IDP_STEP_UP', true),
    },
    privilegedGroups: list(env.RESETGATE_PRIVILEGED_GROUPS ?? 'okta-admins,github-admins,workday-admins,endpoint-admins,fin-payroll'),
    agentsSeeRiskScore: bool(env, 'RESETGATE_AGENTS_SEE_RISK_SCORE', true),
    assurance: oneOf(env, 'RESETGATE_ASSURANCE', ASSURANCE_MODES, 'proofs'),
    sso: loadSsoConfig(env, publicUrl),
    idv: loadIdvConfig(env),
    liveHeartbeatSeconds: int(env, 'RESETGATE_LIVE_HEARTBEAT_SECONDS', 20, 1, 300),
    metricsToken: env.RESETGATE_METRICS_TOKEN || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    limits: {
      linksPerAgentPerMinute: int(env, 'RESETGATE_LINKS_PER_AGENT_PER_MINUTE', 30, 1, 100_000),
      sspStartsPerIpPerMinute: int(env, 'RESETGATE_SSP_STARTS_PER_IP_PER_MINUTE', 20, 1, 100_000),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    ...loadIntegrations(env),
  };
}

/** `true`/`false`, a hop count, or addresses and subnets (Express's own syntax); unset is `false`. */
function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}
