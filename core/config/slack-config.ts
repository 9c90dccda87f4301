import { ConfigError, httpUrl } from './env';

/** Slack's Web API; only tests (a local peer) and a gateway change it. */
export const SLACK_DEFAULT_API_URL = 'https://slack.com/api';

/**
 * The Slack app that sends vouch requests to the manager's direct messages. On when
 * SLACK_BOT_TOKEN is set; without it, vouch requests go by email.
 */
export interface SlackConfig {
  /** The bot token (`xoxb-…`). Never logged, never in a workflow payload: only the worker's requests send it. */
  botToken: string;
  /** The Web API's base URL, without a trailing slash. */
  apiUrl: string;
}

export function loadSlack(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const botToken = env.SLACK_BOT_TOKEN;
  if (!botToken) return undefined;
  // The message names what is wrong, never the value: it is a credential.
  if (!/^xoxb-[\w-]+$/.test(botToken)) throw new ConfigError('SLACK_BOT_TOKEN must be a bot token (xoxb-…), not a user or app token');
  return { botToken, apiUrl: env.SLACK_API_URL ? httpUrl(env, 'SLACK_API_URL') : SLACK_DEFAULT_API_URL };
}
