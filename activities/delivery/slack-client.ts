import type { SlackConfig } from '../../core/config/slack-config';

/** Each Web API call gets this long; three calls fit well inside the activity's 30 seconds. */
const TIMEOUT_MS = 8_000;

/** Slack's `error` words that mean "try again later", not "this will never work". */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * What went wrong with a Web API call: Slack's own `error` word (`users_not_found`,
 * `invalid_auth`…) or a word of ours (`http_503`, `timeout`, `network`, `bad_response`). The
 * message names the method and the word, never the token, the request body or the link in it.
 */
export class SlackApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    /** Worth another attempt later: rate limits, Slack's outages, timeouts, lost connections. */
    readonly retryable: boolean,
    /** Slack's Retry-After, in seconds, with a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack ${method} failed: ${code}${retryAfterSeconds !== undefined ? ` (retry after ${retryAfterSeconds} s)` : ''}`);
    this.name = 'SlackApiError';
  }
}

/** Block Kit, as much of it as a vouch request needs. */
export type SlackBlock =
  | { type: 'section'; text: { type: 'mrkdwn' | 'plain_text'; text: string } }
  | {
      type: 'actions';
      elements: { type: 'button'; text: { type: 'plain_text'; text: string }; url: string; action_id: string; style?: 'primary' }[];
    };

/**
 * The three Slack Web API methods a direct message needs, over HTTPS with the bot token as a
 * Bearer credential. Slack answers 200 with `{ ok: false, error }` for most failures and 429
 * with Retry-After when the app goes too fast; both become a {@link SlackApiError}.
 */
export class SlackClient {
  private readonly apiUrl: string;
  private readonly botToken: string;

  constructor(config: SlackConfig) {
    this.apiUrl = config.apiUrl.replace(/\/+$/, '');
    this.botToken = config.botToken;
  }

  /** The workspace member with this email (`users:read.email`); `users_not_found` when there is none. */
  async lookupUserByEmail(email: string): Promise<string> {
    // A form POST rather than GET: the address stays out of URLs and the access logs that keep them.
    const answer = await this.call<{ user?: { id?: string } }>('users.lookupByEmail', 'form', { email });
    if (!answer.user?.id) throw new SlackApiError('users.lookupByEmail', 'bad_response', false);
    return answer.user.id;
  }

  /** The direct-message channel between the app and the user (`im:write`); the same one every time. */
  async openDirectMessage(userId: string): Promise<string> {
    const answer = await this.call<{ channel?: { id?: string } }>('conversations.open', 'json', { users: userId });
    if (!answer.channel?.id) throw new SlackApiError('conversations.open', 'bad_response', false);
    return answer.channel.id;
  }

  /** Posts to a channel (`chat:write`); answers the message's timestamp, its id within the channel. */
  async postMessage(message: { channel: string; text: string; blocks: SlackBlock[] }): Promise<string> {
    const answer = await this.call<{ ts?: string }>('chat.postMessage', 'json', {
      ...message,
      // Slack fetches nothing the message links to, and shows no preview of it.
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!answer.ts) throw new SlackApiError('chat.postMessage', 'bad_response', false);
    return answer.ts;
  }

  private async call<T>(method: string, encoding: 'form' | 'json', body: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.apiUrl}/${method}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.botToken}`,
          'content-type': encoding === 'json' ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded',
        },
        body: encoding === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
        // A redirect would carry the token elsewhere: Slack's API never sends one.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      const e = err as Error;
      throw new SlackApiError(method, e.name === 'TimeoutError' ? 'timeout' : 'network', true);
    }
    if (res.status === 429) {
      await res.body?.cancel();
      throw new SlackApiError(method, 'ratelimited', true, retryAfter(res.headers.get('retry-after')));
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new SlackApiError(method, `http_${res.status}`, true);
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new SlackApiError(method, `http_${res.status}`, false);
    }
    let answer: { ok?: boolean; error?: string } & T;
    try {
      answer = (await res.json()) as typeof answer;
    } catch {
      // A proxy's page, or an answer cut short: nothing says the next attempt would see the same.
      throw new SlackApiError(method, 'bad_response', true);
    }
    if (answer.ok !== true) {
      const code = typeof answer.error === 'string' && /^[\w.-]{1,100}$/.test(answer.error) ? answer.error : 'unknown_error';
      throw new SlackApiError(method, code, TRANSIENT_ERRORS.has(code));
    }
    return answer;
  }
}

/** Retry-After in seconds (Slack sends whole seconds), from 1 to 600; a missing or odd value reads as one second. */
function retryAfter(header: string | null): number {
  const seconds = Number(header?.trim() || NaN);
  return Number.isFinite(seconds) ? Math.min(Math.max(Math.ceil(seconds), 1), 600) : 1;
}
