import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { Logger } from '@nestjs/common';
import express, { type Router } from 'express';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../core/config/app-config';
import { DEV_IDV_PATH } from '../../core/config/idv-config';
import { DirectoryUserEntity } from '../../core/database/entities';
import { IDENTITY_DOCUMENT_CALLBACK_PATH } from '../ssp/identity-document/identity-document.service';
import { DOCUMENT_TYPES, scanPage } from './idv-pages';

export { DEV_IDV_PATH };

/** The client the development provider knows when IDV_* does not name one (it then answers nobody but tests). */
const DEFAULT_CLIENT_ID = 'resetgate-ssp';
/** How long a scan stays readable: the code exchange and the UserInfo call follow within seconds. */
const SCAN_TTL_MS = 10 * 60_000;
const MAX_SCANS = 1000;

/** One document scan: its own subject, as identity-verification providers give each check. */
interface Scan {
  given: string;
  family: string;
  documentType: keyof typeof DOCUMENT_TYPES;
  selfie: boolean;
  at: Date;
}

/**
 * A development identity-verification provider (oidc-provider), mounted at /dev/idv beside the
 * development IdP. It speaks OpenID Connect for Identity Assurance as Persona, Onfido or a bank's
 * eKYC service would: the SSP sends the user here with a `claims` request for `verified_claims`;
 * the tester "scans a document" (types the name it shows, picks its type, says whether the selfie
 * matched); the provider answers with `verified_claims` (trust framework `eidas`, evidence a
 * `document` with a document check and, when the selfie matched, a biometric one) in the ID token
 * and UserInfo. Its state lives in memory.
 */
export function createDevIdv(config: AppConfig, dataSource: DataSource): Router {
  const logger = new Logger('DevIdv');
  const issuer = `${config.publicUrl}${DEV_IDV_PATH}`;
  if (config.idv?.issuer === issuer) logger.warn('the development identity-verification provider is on: set IDV_ISSUER to use your own');
  const scans = new Map<string, Scan>();
  const provider = new Provider(issuer, providerConfiguration(config, scans));
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
      const user = hint
        ? await dataSource
            .getRepository(DirectoryUserEntity)
            .createQueryBuilder('u')
            .where('lower(u.email) = lower(:email)', { email: hint.trim() })
            .getOne()
        : null;
      res.type('html').send(scanPage(DEV_IDV_PATH, details.uid, { given: user?.givenName ?? '', family: user?.familyName ?? '' }));
    } catch (err) {
      next(err);
    }
  });

  router.post('/interaction/:uid/scan', form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const given = String(req.body?.givenName ?? '').slice(0, 100);
      const family = String(req.body?.familyName ?? '').slice(0, 100);
      const type = String(req.body?.documentType ?? 'idcard');
      const documentType = (type in DOCUMENT_TYPES ? type : 'idcard') as Scan['documentType'];
      const accountId = `scan-${randomBytes(12).toString('base64url')}`;
      remember(scans, accountId, { given, family, documentType, selfie: req.body?.selfie === 'matched', at: new Date() });

      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope('openid');
      grant.addOIDCClaims(['verified_claims']);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (err) {
      next(err);
    }
  });

  router.post('/interaction/:uid/abort', async (req, res, next) => {
    try {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled the document check' },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      next(err);
    }
  });

  router.use(provider.callback());
  return router;
}

function remember(scans: Map<string, Scan>, id: string, scan: Scan): void {
  const now = Date.now();
  for (const [key, old] of scans) if (now - old.at.getTime() > SCAN_TTL_MS || scans.size >= MAX_SCANS) scans.delete(key);
  scans.set(id, scan);
}

/** The scan as OpenID Identity Assurance `verified_claims`; the document number is there, as a real provider's would be. */
function verifiedClaims(scan: Scan) {
  const time = scan.at.toISOString();
  return {
    verification: {
      trust_framework: 'eidas',
      time,
      evidence: [
        {
          type: 'document',
          time,
          check_details: [
            { check_method: 'vpiruv', organization: 'ResetGate development IDV' },
            ...(scan.selfie ? [{ check_method: 'bvr', organization: 'ResetGate development IDV' }] : []),
          ],
          document_details: {
            type: scan.documentType,
            document_number: `D${randomInt(10_000_000, 99_999_999)}`,
            date_of_expiry: `${scan.at.getUTCFullYear() + 5}-01-31`,
          },
        },
      ],
    },
    claims: { given_name: scan.given, family_name: scan.family },
  };
}

function providerConfiguration(config: AppConfig, scans: Map<string, Scan>): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: config.idv?.clientId ?? DEFAULT_CLIENT_ID,
        client_secret: config.idv?.clientSecret ?? randomBytes(24).toString('base64url'),
        client_name: 'ResetGate self-service portal',
        redirect_uris: [`${config.publicUrl}${IDENTITY_DOCUMENT_CALLBACK_PATH}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    scopes: ['openid'],
    claims: { openid: ['sub'], verified_claims: null },
    // verified_claims in the ID token as well as UserInfo, as the request asks.
    conformIdTokenClaims: false,
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const scan = scans.get(id);
      if (!scan) return undefined;
      return { accountId: id, claims: () => ({ sub: id, verified_claims: verifiedClaims(scan) }) };
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${DEV_IDV_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
    },
    pkce: { required: () => true },
    // Its own cookie names: the development IdP sets the default ones on the same host.
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: { session: '_idv_session', interaction: '_idv_interaction', resume: '_idv_interaction_resume' },
    },
    jwks: { keys: [{ ...signingKey, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' } as never] },
  };
}
