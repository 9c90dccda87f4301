import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Logger } from '@nestjs/common';
import express, { type Router } from 'express';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AppConfig } from '../../core/config/app-config';
import type { AccountLookup } from './demo-accounts';
import { loginPage, logoutPage, signedOutPage } from './idp-pages';

export const DEV_IDP_PATH = '/dev-idp';

/**
 * The built-in development identity provider (oidc-provider), mounted at /dev-idp when no
 * OIDC_ISSUER is configured. The console signs in through it exactly as through Okta or Entra
 * ID: discovery, authorization code with PKCE, ID token, UserInfo with a groups claim.
 * Its state lives in memory; a restart only signs people out.
 */
export function createDevIdp(config: AppConfig, findAccount: AccountLookup): Router {
  const logger = new Logger('DevIdp');
  logger.warn('the development identity provider is on: set OIDC_ISSUER to use your own');
  const provider = new Provider(config.sso.issuer, providerConfiguration(config, findAccount));
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      // A first-party client: consent is implied once signed in.
      if (details.prompt.name === 'consent') return await finishWithGrant(provider, req, res, String(details.session?.accountId));
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
      res.type('html').send(loginPage(details.uid, { email: hint }));
    } catch (err) {
      next(err);
    }
  });

  router.post('/interaction/:uid/login', form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const email = String(req.body?.email ?? '');
      const account = await findAccount(email);
      if (!account || !samePassword(String(req.body?.password ?? ''), config.sso.devIdpPassword)) {
        res
          .status(401)
          .type('html')
          .send(loginPage(details.uid, { email, error: 'That email and password do not match a demo account.' }));
        return;
      }
      await finishWithGrant(provider, req, res, account.email);
    } catch (err) {
      next(err);
    }
  });

  router.post('/interaction/:uid/abort', async (req, res, next) => {
    try {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled' },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      next(err);
    }
  });

  router.use(provider.callback());
  return router;
}

async function finishWithGrant(provider: Provider, req: express.Request, res: express.Response, accountId: string): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const clientId = String(details.params.client_id);
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId });
  grant!.addOIDCScope(String(details.params.scope ?? 'openid'));
  const grantId = await grant!.save();
  // A password sign-in, said as real IdPs say it (RFC 8176): it is not a phishing-resistant method.
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId, amr: ['pwd'] }, consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

function samePassword(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function providerConfiguration(config: AppConfig, lookup: AccountLookup): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: config.sso.clientId,
        client_secret: config.sso.clientSecret,
        client_name: 'ResetGate console',
        redirect_uris: [
          `${config.publicUrl}/api/v1/auth/callback`,
          `${config.publicUrl}/api/v1/ssp/step-up/callback`,
          `${config.publicUrl}/api/v1/vouches/callback`,
        ],
        post_logout_redirect_uris: [`${config.publicUrl}/console/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // Groups in the ID token too, as Okta and Entra ID can be set to do.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: KoaContextWithOIDC, id: string) => {
      const account = await lookup(id);
      if (!account) return undefined;
      return {
        accountId: account.email,
        claims: () => ({ sub: account.email, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
      };
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${DEV_IDP_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = signedOutPage(`${config.publicUrl}/console/`);
        },
      },
    },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...signingKey, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' } as never] },
  };
}
