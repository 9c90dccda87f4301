import { randomBytes } from 'node:crypto';
import type { Role } from '../database/entities/api-key.entity';
import { ConfigError, int } from './env';

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

export function loadSsoConfig(env: NodeJS.ProcessEnv, publicUrl: string): SsoConfig {
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

/** A comma-separated list, trimmed, without empty items. */
export function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
