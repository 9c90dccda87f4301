import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedKeycloakCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface FakeKeycloak {
  url: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  calls: RecordedKeycloakCall[];
  /** Adds a user to the realm and returns its id. */
  addUser(email: string): string;
  /** Answers the next n admin requests with a 503, as a restarting server would. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/**
 * A local peer speaking the parts of Keycloak's protocol ResetGate uses: the OpenID Connect token
 * endpoint (client credentials) and the admin REST API (user search, execute-actions-email,
 * brute-force unlock), with Keycloak's status codes and error bodies. Every call is recorded.
 */
export async function startFakeKeycloak(): Promise<FakeKeycloak> {
  const realm = 'corp';
  const clientId = 'resetgate';
  const clientSecret = randomBytes(12).toString('hex');
  const calls: RecordedKeycloakCall[] = [];
  const users = new Map<string, { id: string; email: string; username: string }>();
  const tokens = new Set<string>();
  let failures = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://keycloak');
    const body = await readBody(req);
    calls.push({
      method: req.method!,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
    });
    const json = (status: number, payload?: unknown) => {
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };

    if (req.method === 'POST' && url.pathname === `/realms/${realm}/protocol/openid-connect/token`) {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return json(401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
      }
      const token = randomBytes(24).toString('base64url');
      tokens.add(token);
      return json(200, {
        access_token: token,
        expires_in: 300,
        refresh_expires_in: 0,
        token_type: 'Bearer',
        'not-before-policy': 0,
        scope: 'profile email',
      });
    }

    const admin = `/admin/realms/${realm}`;
    if (!url.pathname.startsWith(admin)) return json(404, { error: 'Realm not found.' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return json(401, { error: 'HTTP 401 Unauthorized' });
    if (failures > 0) {
      failures--;
      return json(503, { error: 'Service Unavailable' });
    }
    const rest = url.pathname.slice(admin.length);
    if (req.method === 'GET' && rest === '/users') {
      const email = url.searchParams.get('email') ?? '';
      const exact = url.searchParams.get('exact') === 'true';
      const found = [...users.values()].filter((u) => (exact ? u.email === email.toLowerCase() : u.email.includes(email.toLowerCase())));
      return json(
        200,
        found.map((u) => ({ ...u, enabled: true, emailVerified: true, createdTimestamp: 0, totp: false, requiredActions: [] })),
      );
    }
    const actions = /^\/users\/([^/]+)\/execute-actions-email$/.exec(rest);
    if (req.method === 'PUT' && actions) {
      if (![...users.values()].some((u) => u.id === actions[1])) return json(404, { error: 'User not found' });
      let requested: unknown;
      try {
        requested = JSON.parse(body);
      } catch {
        return json(400, { errorMessage: 'Invalid JSON' });
      }
      if (!Array.isArray(requested)) return json(400, { errorMessage: 'Required actions must be a list' });
      return json(204);
    }
    const unlock = /^\/attack-detection\/brute-force\/users\/([^/]+)$/.exec(rest);
    if (req.method === 'DELETE' && unlock) return json(204);
    json(404, { error: 'HTTP 404 Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    realm,
    clientId,
    clientSecret,
    calls,
    addUser(email) {
      const id = randomUUID();
      users.set(id, { id, email: email.toLowerCase(), username: email.split('@')[0] });
      return id;
    },
    failNext(n) {
      failures = n;
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
