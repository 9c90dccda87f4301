import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedTwilioCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  calls: RecordedTwilioCall[];
  /** Numbers Twilio refuses with 400 / 21211, as it does an invalid 'To'. */
  invalidNumbers: Set<string>;
  /**
   * Lookup v2 answers by number: a recent SIM swap, a line type, or a status code (404 for a number
   * Twilio knows nothing of, 500 for an outage). A number not listed is a clean mobile line.
   */
  lookups: Map<string, { swapped?: boolean; lineType?: string; status?: number }>;
  /** Answers the next n message requests with a 500, as an outage would. */
  failNext(n: number): void;
  waitForCalls(count: number, timeoutMs?: number): Promise<RecordedTwilioCall[]>;
  close(): Promise<void>;
}

/**
 * A local peer speaking Twilio's Messages REST API (2010-04-01): basic auth with the account SID
 * and auth token, a form body, Twilio's JSON resource and error shapes. Every call is recorded.
 */
export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const calls: RecordedTwilioCall[] = [];
  const invalidNumbers = new Set<string>();
  const lookups: FakeTwilio['lookups'] = new Map();
  let failures = 0;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  const server: Server = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const path = new URL(req.url!, 'http://fake').pathname;
    calls.push({ method: req.method!, path, authorization: req.headers.authorization, contentType: req.headers['content-type'], form });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) =>
      reply(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    if (req.headers.authorization !== expectedAuth) return error(401, 20003, 'Authenticate');
    const lookup = /^\/v2\/PhoneNumbers\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && lookup) {
      const number = decodeURIComponent(lookup[1]);
      return reply(...lookupAnswerFor(number, new URL(req.url!, 'http://fake').searchParams, lookups.get(number)));
    }
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      return error(404, 20404, `The requested resource ${path} was not found`);
    }
    if (failures > 0) {
      failures--;
      return error(500, 20500, 'Internal Server Error');
    }
    if (invalidNumbers.has(form.To)) return error(400, 21211, `Invalid 'To' Phone Number: ${form.To}`);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date().toUTCString();
    reply(201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: form.Body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to: form.To,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    calls,
    invalidNumbers,
    lookups,
    failNext(n) {
      failures = n;
    },
    async waitForCalls(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        if (Date.now() > deadline) throw new Error(`Twilio got ${calls.length} calls, expected ${count}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return calls;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Lookup v2's answer for a number, with the packages asked for in `Fields`: `sim_swap` (carrier data
 * on the last SIM change in a 48-hour period) and `line_type_intelligence`.
 */
function lookupAnswerFor(
  number: string,
  fields: URLSearchParams,
  known: { swapped?: boolean; lineType?: string; status?: number } | undefined,
): [number, unknown] {
  if (known?.status) return [known.status, { code: known.status === 404 ? 20404 : 20500, message: 'Lookup failed', status: known.status }];
  const asked = (fields.get('Fields') ?? '').split(',');
  return [
    200,
    {
      calling_country_code: number.startsWith('+44') ? '44' : '1',
      country_code: number.startsWith('+44') ? 'GB' : 'US',
      phone_number: number,
      national_format: number,
      valid: true,
      validation_errors: [],
      sim_swap: asked.includes('sim_swap')
        ? {
            last_sim_swap: {
              last_sim_swap_date: known?.swapped ? new Date(Date.now() - 3_600_000).toISOString() : null,
              swapped_period: 'PT48H',
              swapped_in_period: !!known?.swapped,
            },
            carrier_name: 'Fake Mobile',
            mobile_country_code: '234',
            mobile_network_code: '15',
            error_code: null,
          }
        : null,
      line_type_intelligence: asked.includes('line_type_intelligence')
        ? {
            carrier_name: 'Fake Mobile',
            error_code: null,
            mobile_country_code: '234',
            mobile_network_code: '15',
            type: known?.lineType ?? 'mobile',
          }
        : null,
      url: `https://lookups.twilio.com/v2/PhoneNumbers/${number}`,
    },
  ];
}

/**
 * Twilio's request signature, computed here from its published definition rather than with the
 * SDK under test: base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by name)).
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Posts a status callback the way Twilio does: a form, signed over the callback URL. */
export async function postStatusCallback(
  url: string,
  params: Record<string, string>,
  signature: string | null,
): Promise<{ status: number; contentType: string; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
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
