import { ConfigError, bool, httpUrl, int } from './env';
import { list } from './sso-config';

/** The development identity-verification provider's path, mounted beside the development IdP. */
export const DEV_IDV_PATH = '/dev/idv';

/**
 * The identity-verification provider behind the `identity_document` proof: any OpenID Connect
 * provider that answers with OpenID Connect for Identity Assurance `verified_claims`. None means
 * the proof is `unavailable` ("no identity-verification provider is configured").
 */
export interface IdvConfig {
  /** The provider's issuer (discovery) URL. */
  issuer: string;
  clientId: string;
  /** Never logged, never in a workflow payload: only the API's token request sends it. */
  clientSecret: string;
  /** How old the provider's check may be when it reaches us, in seconds. */
  maxAgeSeconds: number;
  /** Whether the provider must have compared the person with the document (a selfie, a face check). */
  requireSelfie: boolean;
  /** The trust frameworks accepted (`verification.trust_framework`); empty accepts any. */
  trustFrameworks: string[];
}

/** 30 minutes: a check done for this call, not an old one the provider still has on file. */
export const IDV_DEFAULT_MAX_AGE_SECONDS = 1800;

export function loadIdvConfig(env: NodeJS.ProcessEnv): IdvConfig | undefined {
  if (!env.IDV_ISSUER) {
    const stray = ['IDV_CLIENT_ID', 'IDV_CLIENT_SECRET'].find((name) => env[name]);
    if (stray) throw new ConfigError(`${stray} is set without IDV_ISSUER: set the provider's issuer URL too, or remove it`);
    return undefined;
  }
  if (!env.IDV_CLIENT_ID) throw new ConfigError('IDV_CLIENT_ID must be set with IDV_ISSUER');
  if (!env.IDV_CLIENT_SECRET) throw new ConfigError('IDV_CLIENT_SECRET must be set with IDV_ISSUER');
  return {
    issuer: httpUrl(env, 'IDV_ISSUER'),
    clientId: env.IDV_CLIENT_ID,
    clientSecret: env.IDV_CLIENT_SECRET,
    maxAgeSeconds: int(env, 'IDV_MAX_AGE_SECONDS', IDV_DEFAULT_MAX_AGE_SECONDS, 60, 86_400),
    requireSelfie: bool(env, 'IDV_REQUIRE_SELFIE', true),
    trustFrameworks: list(env.IDV_TRUST_FRAMEWORKS ?? ''),
  };
}
