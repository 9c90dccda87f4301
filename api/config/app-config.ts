import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { VerificationPolicy } from '../../workflows/model';
import type { Role } from '../database/entities/api-key.entity';
import { repoRoot } from '../common/repo-root';

/**
 * Every setting ResetGate reads, from the environment, validated once at start. The README's
 * configuration table lists the same variables.
 */
export class AppConfig {
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
  devOutbox: boolean;
  seedDevDirectory: boolean;
  organisationDomains: string[];
  maxVerificationsPerUserPerDay: number;
  policy: VerificationPolicy;
  /** Members of these directory groups need two different approvers for a reset. */
  privilegedGroups: string[];
  /** Whether agents see the numeric risk score (they always see the outcome and its reasons). */
  agentsSeeRiskScore: boolean;
  sso: SsoConfig;
  logLevel: string;
}

/** Console sign-in: any OpenID Connect issuer, or the built-in development IdP when none is set. */
export interface SsoConfig {
  /** The issuer's discovery base URL; the dev IdP's own when `devIdp` is on. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The claim carrying the user's groups (Okta and Entra ID: `groups`). */
  rolesClaim: string;
  /** Which group grants which role; a user in none of them cannot sign in. */
  roleGroups: Record<Role, string[]>;
  devIdp: boolean;
  /** The dev IdP's demo password, printed by `npm start`. */
  devIdpPassword: string;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const linkLifetime = int(env, 'RESETGATE_LINK_LIFETIME_SECONDS', 900, 1, 86_400);
  const questionsAsked = int(env, 'RESETGATE_QUESTIONS', 4, 3, 4);
  const minAnswered = int(env, 'RESETGATE_MIN_ANSWERED', 3, 1, questionsAsked);
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
    devOutbox: bool(env, 'RESETGATE_DEV_OUTBOX', true),
    seedDevDirectory: bool(env, 'RESETGATE_SEED_DEV_DIRECTORY', true),
    organisationDomains: (env.RESETGATE_ORGANISATION_DOMAINS ?? 'example.com')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
    maxVerificationsPerUserPerDay: int(env, 'RESETGATE_MAX_PER_USER_PER_DAY', 5, 1, 1000),
    policy: {
      version: env.RESETGATE_POLICY_VERSION ?? 'default-1',
      linkLifetimeSeconds: linkLifetime,
      sessionLifetimeSeconds: int(env, 'RESETGATE_SESSION_LIFETIME_SECONDS', 600, 1, 3600),
      questionsAsked,
      minQuestions: minAnswered,
      minAnswered,
      passThreshold: num(env, 'RESETGATE_PASS_THRESHOLD', 0.5, 0, 1),
      riskStepUp: num(env, 'RESETGATE_RISK_STEP_UP', 0.08, 0, 1),
      maxRisk: num(env, 'RESETGATE_MAX_RISK', 5, 0, 10),
      approvalWindowSeconds: int(env, 'RESETGATE_APPROVAL_WINDOW_SECONDS', 1800, 1, 86_400),
      idpStepUp: bool(env, 'RESETGATE_IDP_STEP_UP', true),
    },
    privilegedGroups: list(env.RESETGATE_PRIVILEGED_GROUPS ?? 'okta-admins,github-admins,workday-admins,endpoint-admins,fin-payroll'),
    agentsSeeRiskScore: bool(env, 'RESETGATE_AGENTS_SEE_RISK_SCORE', true),
    sso: loadSsoConfig(env, publicUrl),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

function loadSsoConfig(env: NodeJS.ProcessEnv, publicUrl: string): SsoConfig {
  const issuer = env.OIDC_ISSUER || undefined;
  const devIdp = !issuer;
  if (issuer && !env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID must be set with OIDC_ISSUER');
  if (issuer && !env.OIDC_CLIENT_SECRET) throw new ConfigError('OIDC_CLIENT_SECRET must be set with OIDC_ISSUER');
  return {
    issuer: issuer ?? `${publicUrl}/dev-idp`,
    clientId: env.OIDC_CLIENT_ID ?? 'resetgate-console',
    // The dev IdP and its client live in one process: a per-process secret is enough.
    clientSecret: env.OIDC_CLIENT_SECRET ?? randomBytes(24).toString('base64url'),
    scopes: env.OIDC_SCOPES ?? (devIdp ? 'openid profile email groups' : 'openid profile email'),
    rolesClaim: env.OIDC_ROLES_CLAIM ?? 'groups',
    roleGroups: {
      admin: list(env.OIDC_ADMIN_GROUPS ?? 'resetgate-admins'),
      agent: list(env.OIDC_AGENT_GROUPS ?? 'resetgate-agents'),
      auditor: list(env.OIDC_AUDITOR_GROUPS ?? 'resetgate-auditors'),
    },
    devIdp,
    // Random unless set: a forgotten dev IdP in production cannot be signed in to with a known password.
    devIdpPassword: env.RESETGATE_DEV_IDP_PASSWORD || randomBytes(18).toString('base64url'),
    sessionIdleSeconds: int(env, 'RESETGATE_CONSOLE_IDLE_SECONDS', 3600, 60, 86_400),
    sessionMaxSeconds: int(env, 'RESETGATE_CONSOLE_MAX_SECONDS', 10 * 3600, 300, 7 * 86_400),
  };
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = num(env, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be a whole number, got "${env[name]}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!['true', 'false', '1', '0'].includes(raw)) throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true' || raw === '1';
}
