import { loadConfig } from './app-config';

describe('loadConfig', () => {
  test('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', devOutbox: false, maxVerificationsPerUserPerDay: 5 });
    expect(config.policy).toMatchObject({ linkLifetimeSeconds: 900, questionsAsked: 4, minAnswered: 3, approvalWindowSeconds: 1800 });
  });
  test('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a number/);
    expect(() => loadConfig({ RESETGATE_QUESTIONS: '9' })).toThrow(/RESETGATE_QUESTIONS/);
    expect(() => loadConfig({ RESETGATE_DEV_OUTBOX: 'yes' })).toThrow(/true or false/);
  });
});

describe('assurance', () => {
  test('proofs decide unless RESETGATE_ASSURANCE says questions; another word is refused by name', () => {
    expect(loadConfig({}).assurance).toBe('proofs');
    expect(loadConfig({ RESETGATE_ASSURANCE: 'questions' }).assurance).toBe('questions');
    expect(() => loadConfig({ RESETGATE_ASSURANCE: 'vibes' })).toThrow(/RESETGATE_ASSURANCE must be one of questions, proofs, got "vibes"/);
  });
});

describe('integrations', () => {
  const sid = `AC${'0'.repeat(32)}`;
  test('no Twilio or SMTP variables: neither is on', () => {
    expect(loadConfig({})).toMatchObject({ twilio: undefined, smtp: undefined });
  });
  test('Twilio needs its token and a sender; a bad SID or base URL is named', () => {
    expect(loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006' }).twilio).toEqual({
      accountSid: sid,
      authToken: 't',
      from: '+15005550006',
      messagingServiceSid: undefined,
      apiBaseUrl: undefined,
      lookup: true,
    });
    expect(
      loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006', TWILIO_LOOKUP: 'false' }).twilio?.lookup,
    ).toBe(false);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_FROM: '+15005550006' })).toThrow(/TWILIO_AUTH_TOKEN must be set/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't' })).toThrow(/TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'SK1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+1500' })).toThrow(/TWILIO_ACCOUNT_SID/);
    expect(() =>
      loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006', TWILIO_API_BASE_URL: 'ftp://x' }),
    ).toThrow(/TWILIO_API_BASE_URL must be an http\(s\) URL/);
  });
  test('SMTP needs a from-address; TLS options are read', () => {
    expect(
      loadConfig({ SMTP_HOST: 'mail.example.com', SMTP_PORT: '465', SMTP_SECURE: 'true', RESETGATE_MAIL_FROM: 'Helpdesk <it@example.com>' })
        .smtp,
    ).toMatchObject({ host: 'mail.example.com', port: 465, secure: true, requireTls: false, tlsRejectUnauthorized: true });
    expect(() => loadConfig({ SMTP_HOST: 'mail.example.com' })).toThrow(/RESETGATE_MAIL_FROM must be set/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail', RESETGATE_MAIL_FROM: 'it@example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_HOST: 'm', RESETGATE_MAIL_FROM: 'it@example.com', SMTP_REQUIRE_TLS: 'maybe' })).toThrow(
      /SMTP_REQUIRE_TLS/,
    );
    expect(() => loadConfig({ SMTP_HOST: 'm', RESETGATE_MAIL_FROM: 'not an address' })).toThrow(/RESETGATE_MAIL_FROM/);
  });
  test('the reset connector: manual by default; keycloak needs its URL, realm and client', () => {
    expect(loadConfig({}).resetConnector).toEqual({ kind: 'manual' });
    const keycloak = { RESETGATE_RESET_CONNECTOR: 'keycloak', KEYCLOAK_URL: 'https://sso.example.com/', KEYCLOAK_REALM: 'corp' };
    expect(loadConfig({ ...keycloak, KEYCLOAK_CLIENT_ID: 'rg', KEYCLOAK_CLIENT_SECRET: 's' }).resetConnector).toEqual({
      kind: 'keycloak',
      baseUrl: 'https://sso.example.com',
      realm: 'corp',
      tokenRealm: 'corp',
      clientId: 'rg',
      clientSecret: 's',
      actionsLifespanSeconds: undefined,
    });
    expect(() => loadConfig({ ...keycloak, KEYCLOAK_CLIENT_ID: 'rg' })).toThrow(/KEYCLOAK_CLIENT_SECRET must be set/);
    expect(() => loadConfig({ RESETGATE_RESET_CONNECTOR: 'okta' })).toThrow(/manual or keycloak/);
  });
  test('webhook retries: defaults, and bounds named', () => {
    expect(loadConfig({}).webhookRetry).toEqual({ initialIntervalSeconds: 10, maximumIntervalSeconds: 3600, maximumAttempts: 15 });
    expect(() => loadConfig({ RESETGATE_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/RESETGATE_WEBHOOK_MAX_ATTEMPTS/);
  });
  test('webhooks go to public addresses only, unless RESETGATE_WEBHOOK_ALLOW_PRIVATE says otherwise', () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ RESETGATE_WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(() => loadConfig({ RESETGATE_WEBHOOK_ALLOW_PRIVATE: 'sometimes' })).toThrow(/RESETGATE_WEBHOOK_ALLOW_PRIVATE/);
  });
  test('directory source: SCIM needs a token; page size and interval are bounded; a file instead, never both', () => {
    expect(loadConfig({}).directorySource).toBeUndefined();
    expect(loadConfig({ SCIM_URL: 'https://idp.example.com/scim/v2/', SCIM_TOKEN: 't' }).directorySource).toEqual({
      kind: 'scim',
      baseUrl: 'https://idp.example.com/scim/v2',
      token: 't',
      pageSize: 200,
      intervalMinutes: 60,
    });
    expect(() => loadConfig({ SCIM_URL: 'https://idp.example.com/scim/v2' })).toThrow(/SCIM_TOKEN must be set/);
    expect(() => loadConfig({ SCIM_URL: 'https://x', SCIM_TOKEN: 't', SCIM_PAGE_SIZE: '5000' })).toThrow(/SCIM_PAGE_SIZE/);
    expect(loadConfig({ RESETGATE_DIRECTORY_FILE: '/srv/hr/people.csv', RESETGATE_DIRECTORY_SYNC_MINUTES: '15' }).directorySource).toEqual({
      kind: 'file',
      path: '/srv/hr/people.csv',
      intervalMinutes: 15,
    });
    expect(() => loadConfig({ SCIM_URL: 'https://x', SCIM_TOKEN: 't', RESETGATE_DIRECTORY_FILE: 'p.csv' })).toThrow(/not both/);
  });
});
