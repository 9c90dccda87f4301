import { loadConfig } from './app-config';
import { ConfigError } from './config-error';

const provider = { IDV_ISSUER: 'https://idv.example.com/oidc/', IDV_CLIENT_ID: 'resetgate', IDV_CLIENT_SECRET: 's3cret' };

describe('identity-verification provider (IDV_*)', () => {
  test('none by default: the identity_document proof stays unavailable', () => {
    expect(loadConfig({}).idv).toBeUndefined();
  });

  test('an issuer with its client: on, with a 30-minute maximum age, a selfie required and any trust framework', () => {
    expect(loadConfig(provider).idv).toEqual({
      issuer: 'https://idv.example.com/oidc',
      clientId: 'resetgate',
      clientSecret: 's3cret',
      maxAgeSeconds: 1800,
      requireSelfie: true,
      trustFrameworks: [],
    });
  });

  test('the maximum age, the selfie and the trust frameworks are read', () => {
    const idv = loadConfig({
      ...provider,
      IDV_MAX_AGE_SECONDS: '600',
      IDV_REQUIRE_SELFIE: 'false',
      IDV_TRUST_FRAMEWORKS: 'eidas, de_aml',
    }).idv;
    expect(idv).toMatchObject({ maxAgeSeconds: 600, requireSelfie: false, trustFrameworks: ['eidas', 'de_aml'] });
  });

  test('refuses what cannot work, naming the variable', () => {
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(refused({ IDV_ISSUER: provider.IDV_ISSUER, IDV_CLIENT_SECRET: 'x' })).toMatch(/IDV_CLIENT_ID must be set/);
    expect(refused({ IDV_ISSUER: provider.IDV_ISSUER, IDV_CLIENT_ID: 'x' })).toMatch(/IDV_CLIENT_SECRET must be set/);
    expect(refused({ IDV_CLIENT_ID: 'x' })).toMatch(/IDV_CLIENT_ID is set without IDV_ISSUER/);
    expect(refused({ ...provider, IDV_ISSUER: 'ftp://idv.example.com' })).toMatch(/IDV_ISSUER must be an http\(s\) URL/);
    expect(refused({ ...provider, IDV_MAX_AGE_SECONDS: '10' })).toMatch(/IDV_MAX_AGE_SECONDS must be a number from 60 to 86400/);
    expect(refused({ ...provider, IDV_REQUIRE_SELFIE: 'maybe' })).toMatch(/IDV_REQUIRE_SELFIE must be true or false/);
  });

  test('the secret is in no error message', () => {
    expect(() => loadConfig({ ...provider, IDV_MAX_AGE_SECONDS: 'x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});
