import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig, type IdvConfig } from '../../../core/config/app-config';
import { VERIFIED_CLAIMS_REQUEST } from '../../../core/identity-document/verified-claims';
import type { AuthorizationRequest } from '../../auth/sso/oidc-client';

/** What the provider said: its subject for this check and the raw `verified_claims`, read with `readVerifiedClaims`. */
export interface ProviderAnswer {
  subject: string;
  verifiedClaims: unknown;
}

/**
 * An identity-verification provider, as the `identity_document` proof uses it: send the user to
 * its page, then redeem its answer once. The OpenID Connect for Identity Assurance adapter below is
 * the one that ships; another (a vendor's own API) is a class with these two methods, provided for
 * this token in `SspModule`.
 */
export abstract class IdentityVerificationAdapter {
  /** The configured provider, or undefined when none is (the proof is then unavailable). */
  abstract readonly provider: IdvConfig | undefined;
  abstract authorizationRequest(options: { redirectUri: string; loginHint?: string }): Promise<AuthorizationRequest>;
  /** Exchanges the code, checking state, nonce, PKCE and the ID token; rejects on anything wrong. */
  abstract complete(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<ProviderAnswer>;
}

/**
 * OpenID Connect for Identity Assurance 1.0 with openid-client: authorization code with PKCE, a
 * confidential client (IDV_CLIENT_ID, IDV_CLIENT_SECRET), and the `claims` request parameter
 * asking for `verified_claims` (trust framework, time, evidence; given and family name) in the ID
 * token and in UserInfo. The ID token's copy wins; UserInfo is read when the ID token has none.
 */
@Injectable()
export class OidcIdentityAssurance extends IdentityVerificationAdapter {
  private readonly logger = new Logger(OidcIdentityAssurance.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(private readonly config: AppConfig) {
    super();
  }

  get provider(): IdvConfig | undefined {
    return this.config.idv;
  }

  async authorizationRequest(options: { redirectUri: string; loginHint?: string }): Promise<AuthorizationRequest> {
    const configuration = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: options.redirectUri,
      scope: 'openid',
      claims: JSON.stringify({ id_token: VERIFIED_CLAIMS_REQUEST, userinfo: VERIFIED_CLAIMS_REQUEST }),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // A new check for this call, not a session the provider remembers from an earlier one.
      prompt: 'login',
      ...(options.loginHint && { login_hint: options.loginHint }),
    });
    return { url, state, nonce, codeVerifier };
  }

  async complete(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<ProviderAnswer> {
    const configuration = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    if (claims.verified_claims !== undefined) return { subject: claims.sub, verifiedClaims: claims.verified_claims };
    if (!configuration.serverMetadata().userinfo_endpoint) return { subject: claims.sub, verifiedClaims: undefined };
    const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    return { subject: claims.sub, verifiedClaims: userInfo.verified_claims };
  }

  private configuration(): Promise<oidc.Configuration> {
    const idv = this.config.idv;
    if (!idv) return Promise.reject(new Error('no identity-verification provider is configured'));
    this.discovered ??= discover(idv).catch((err: unknown) => {
      this.discovered = undefined;
      this.logger.error(`OIDC discovery at ${idv.issuer} failed: ${String(err)}`);
      throw err;
    });
    return this.discovered;
  }
}

function discover({ issuer, clientId, clientSecret }: IdvConfig): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  // Plain http only for a provider on this machine (the development one).
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return oidc.discovery(url, clientId, clientSecret, undefined, {
    execute: local && url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
  });
}
