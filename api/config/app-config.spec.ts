import { loadConfig } from './app-config';

describe('loadConfig', () => {
  test('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', devOutbox: true, maxVerificationsPerUserPerDay: 5 });
    expect(config.policy).toMatchObject({ linkLifetimeSeconds: 900, questionsAsked: 4, minAnswered: 3, approvalWindowSeconds: 1800 });
  });
  test('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a number/);
    expect(() => loadConfig({ RESETGATE_QUESTIONS: '9' })).toThrow(/RESETGATE_QUESTIONS/);
    expect(() => loadConfig({ RESETGATE_DEV_OUTBOX: 'yes' })).toThrow(/true or false/);
  });
});
