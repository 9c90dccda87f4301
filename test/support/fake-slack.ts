import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSlackCall {
  /** The Web API method, e.g. `chat.postMessage`. */
  method: string;
  httpMethod: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The arguments, from the query, a form body or a JSON body. */
  args: Record<string, unknown>;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** What the fake answered: 200 with `ok`, or another status. */
  status: number;
  error?: string;
}

export interface SlackDirectMessage {
  /** The member the DM channel is with. */
  user: string;
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
}

export interface FakeSlack {
  /** The Web API base (SLACK_API_URL). */
  url: string;
  botToken: string;
  calls: RecordedSlackCall[];
  /** Messages posted to direct-message channels, in order. */
  messages: SlackDirectMessage[];
  /** Addresses no workspace member has: `users.lookupByEmail` answers `users_not_found`. Every other address is a member. */
  unknownEmails: Set<string>;
  /** The member id the fake gives an address. */
  userIdFor(email: string): string;
  /** Answers the next call of `method` with 429 and Retry-After, once. */
  rateLimitOnce(method: string, retryAfterSeconds?: number): void;
  /** Answers the next call of `method` with 200 `{ ok: false, error }`, once (e.g. `internal_error`, `invalid_auth`). */
  failOnce(method: string, error: string): void;
  close(): Promise<void>;
}

/**
 * A local peer speaking the three Slack Web API methods a direct message needs
 * (`users.lookupByEmail`, `conversations.open`, `chat.postMessage`) the way Slack does: the bot
 * token as a Bearer credential, arguments in the query, a form or a JSON body, and HTTP 200 with
 * `{ ok: false, error }` for failures, except a rate limit (429 with Retry-After). Every call is recorded.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const botToken = `xoxb-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`;
  const calls: RecordedSlackCall[] = [];
  const messages: SlackDirectMessage[] = [];
  const unknownEmails = new Set<string>();
  const rateLimits = new Map<string, number>();
  const failures = new Map<string, string>();
  const dmChannels = new Map<string, string>();
  let clock = 1_700_000_000;
  const userIdFor = (email: string) => `U${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 10).toUpperCase()}`;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://fake');
    const method = url.pathname.replace(/^\/+/, '');
    const contentType = req.headers['content-type'];
    const raw = await readBody(req);
    let args: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (contentType?.startsWith('application/json')) {
      try {
        args = { ...args, ...(JSON.parse(raw || '{}') as Record<string, unknown>) };
      } catch {
        args = { ...args, __invalid_json: true };
      }
    } else if (raw) {
      args = { ...args, ...Object.fromEntries(new URLSearchParams(raw)) };
    }
    const call: RecordedSlackCall = {
      method,
      at: Date.now(),
      httpMethod: req.method!,
      authorization: req.headers.authorization,
      contentType,
      args,
      status: 200,
    };
    calls.push(call);
    const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      call.status = status;
      if (body.ok === false) call.error = String(body.error);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (error: string) => reply(200, { ok: false, error });

    if (!['users.lookupByEmail', 'conversations.open', 'chat.postMessage'].includes(method))
      return reply(404, { ok: false, error: 'unknown_method' });
    if (!req.headers.authorization) return fail('not_authed');
    if (req.headers.authorization !== `Bearer ${botToken}`) return fail('invalid_auth');
    if (args.__invalid_json) return fail('invalid_json');
    if (rateLimits.has(method)) {
      const seconds = rateLimits.get(method)!;
      rateLimits.delete(method);
      return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
    }
    if (failures.has(method)) {
      const error = failures.get(method)!;
      failures.delete(method);
      return fail(error);
    }

    if (method === 'users.lookupByEmail') {
      const email = typeof args.email === 'string' ? args.email : '';
      if (!email) return fail('invalid_arguments');
      // Slack matches addresses without regard to case.
      if ([...unknownEmails].some((unknown) => unknown.toLowerCase() === email.toLowerCase())) return fail('users_not_found');
      const id = userIdFor(email);
      return reply(200, {
        ok: true,
        user: { id, team_id: 'T0FAKE', name: email.split('@')[0], deleted: false, is_bot: false, profile: { email } },
      });
    }
    if (method === 'conversations.open') {
      const users = typeof args.users === 'string' ? args.users.split(',').filter(Boolean) : [];
      if (users.length !== 1) return fail(users.length ? 'not_supported' : 'users_list_not_supplied');
      if (!/^U[0-9A-F]{10}$/.test(users[0])) return fail('user_not_found');
      const existing = dmChannels.get(users[0]);
      const id = existing ?? `D${users[0].slice(1)}`;
      dmChannels.set(users[0], id);
      return reply(200, { ok: true, ...(existing && { no_op: true, already_open: true }), channel: { id } });
    }
    // chat.postMessage
    const channel = typeof args.channel === 'string' ? args.channel : '';
    const user = [...dmChannels].find(([, id]) => id === channel)?.[0];
    if (!user) return fail('channel_not_found');
    const blocks =
      typeof args.blocks === 'string' ? (JSON.parse(args.blocks) as unknown[]) : ((args.blocks as unknown[] | undefined) ?? []);
    const text = typeof args.text === 'string' ? args.text : '';
    if (!text && blocks.length === 0) return fail('no_text');
    const ts = `${clock++}.000100`;
    messages.push({ user, channel, ts, text, blocks });
    reply(200, { ok: true, channel, ts, message: { type: 'message', bot_id: 'B0FAKE', text, ts, blocks } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    botToken,
    calls,
    messages,
    unknownEmails,
    userIdFor,
    rateLimitOnce(method, retryAfterSeconds = 1) {
      rateLimits.set(method, retryAfterSeconds);
    },
    failOnce(method, error) {
      failures.set(method, error);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
