import { loadConfig } from './app-config';
import { ConfigError } from './config-error';

const TOKEN = 'xoxb-1234-5678-s3cretBotToken';

describe('Slack (SLACK_*)', () => {
  test('off by default: vouch requests go by email', () => {
    expect(loadConfig({}).slack).toBeUndefined();
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999' }).slack).toBeUndefined();
  });

  test('a bot token turns it on, against Slack’s own Web API unless SLACK_API_URL says otherwise', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: TOKEN }).slack).toEqual({ botToken: TOKEN, apiUrl: 'https://slack.com/api' });
    expect(loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: 'http://127.0.0.1:4000/api/' }).slack).toEqual({
      botToken: TOKEN,
      apiUrl: 'http://127.0.0.1:4000/api',
    });
  });

  test('refuses a token that is not a bot token, or a URL that is not http(s), without echoing the token', () => {
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    const userToken = 'xoxp-1234-s3cretUserToken';
    expect(refused({ SLACK_BOT_TOKEN: userToken })).toMatch(/SLACK_BOT_TOKEN must be a bot token \(xoxb-…\)/);
    expect(refused({ SLACK_BOT_TOKEN: userToken })).not.toContain('s3cret');
    expect(refused({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: 'ftp://slack.example.com' })).toMatch(/SLACK_API_URL must be an http\(s\) URL/);
    expect(refused({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: 'ftp://slack.example.com' })).not.toContain('s3cret');
  });
});
