import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '../../../core/config/app-config';

const REAUTHENTICATION_MAX_AGE_SECONDS = 300;

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedSignIn {
  claims: Record<string, unknown>;
  idToken?: string;
}

/**
 * The console's OpenID Connect relying party (authorization code + PKCE, confidential client).
 * The issuer is discovered on first use and remembered; a failed discovery is retried next time,
 * so an IdP that starts after ResetGate does not need a restart.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(private readonly config: AppConfig) {}

  /**
   * `callbackPath` is ours (console sign-in or SSP step-up); a step-up names the expected user
   * and asks the IdP to authenticate again rather than reuse a session.
   */
  async authorizationRequest(options: {
    callbackPath: string;
    loginHint?: string;
    reauthenticate?: boolean;
  }): Promise<AuthorizationRequest> {
    const configuration = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: `${this.config.publicUrl}${options.callbackPath}`,
      scope: this.config.sso.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(options.loginHint && { login_hint: options.loginHint }),
      ...(options.reauthenticate && { prompt: 'login', max_age: String(REAUTHENTICATION_MAX_AGE_SECONDS) }),
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code and checks state, nonce, PKCE and the ID token; adds UserInfo claims. */
  async completeSignIn(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string; reauthenticated?: boolean },
  ): Promise<VerifiedSignIn> {
    const configuration = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
      // A step-up must be a fresh authentication: auth_time is checked, not just requested.
      ...(expected.reauthenticated && { maxAge: REAUTHENTICATION_MAX_AGE_SECONDS }),
    });
    const idClaims = tokens.claims()!;
    // Some IdPs put groups only in UserInfo, others only in the ID token: take both, ID token wins.
    const userInfo = configuration.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      : {};
    return { claims: { ...userInfo, ...idClaims }, idToken: tokens.id_token };
  }

  /** Where to send the browser to end the IdP session too, when the IdP supports it. */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    try {
      const configuration = await this.configuration();
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return oidc
        .buildEndSessionUrl(configuration, {
          post_logout_redirect_uri: `${this.config.publicUrl}/console/`,
          ...(idToken ? { id_token_hint: idToken } : {}),
        })
        .toString();
    } catch {
      return null; // signing out of ResetGate must not depend on the IdP being up
    }
  }

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((err: unknown) => {
      this.discovered = undefined;
      this.logger.error(`OIDC discovery at ${this.config.sso.issuer} failed: ${String(err)}`);
      throw err;
    });
    return this.discovered;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.config.sso;
    const url = new URL(issuer);
    // Plain http only for an issuer on this machine (the dev IdP, a local Keycloak).
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return oidc.discovery(url, clientId, clientSecret, undefined, {
      execute: local && url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    });
  }
}
