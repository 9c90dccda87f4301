import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENTERPRISE_USER, type ScimGroup, type ScimUser } from '../../activities/directory-sync/scim-client';

export interface FakeScim {
  url: string;
  token: string;
  users: ScimUser[];
  groups: ScimGroup[];
  requests: string[];
  /** Answers the next n requests with a 500. */
  failNext(n: number): void;
  /** Answers with a 500 every request whose path and query match, until cleared. */
  failWhen: ((request: string) => boolean) | null;
  rotateToken(): void;
  close(): Promise<void>;
}

/**
 * A local SCIM 2.0 service provider (RFC 7644): bearer auth, /Users and /Groups as ListResponses
 * paged by startIndex and count (capped at 100 per page, as Okta does), SCIM error bodies.
 */
export async function startFakeScim(users: ScimUser[] = [], groups: ScimGroup[] = []): Promise<FakeScim> {
  let failures = 0;
  const fake: FakeScim = {
    url: '',
    token: randomBytes(16).toString('hex'),
    users,
    groups,
    requests: [],
    failWhen: null,
    failNext(n) {
      failures = n;
    },
    rotateToken() {
      fake.token = randomBytes(16).toString('hex');
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://scim');
    const request = `${url.pathname}${url.search}`;
    fake.requests.push(`${req.method} ${request}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/scim+json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, detail: string) =>
      send(status, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail });
    if (req.headers.authorization !== `Bearer ${fake.token}`) {
      return error(401, 'Authorization failure. The authorization header is invalid or missing.');
    }
    if (failures > 0 || fake.failWhen?.(request)) {
      failures = Math.max(0, failures - 1);
      return error(500, 'Internal server error');
    }
    const all = url.pathname === '/scim/v2/Users' ? fake.users : url.pathname === '/scim/v2/Groups' ? fake.groups : null;
    if (!all || req.method !== 'GET') return error(404, 'Resource not found');
    const startIndex = Math.max(1, Number(url.searchParams.get('startIndex') ?? 1));
    const count = Math.min(100, Math.max(0, Number(url.searchParams.get('count') ?? 100)));
    const page = all.slice(startIndex - 1, startIndex - 1 + count);
    send(200, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: all.length,
      startIndex,
      itemsPerPage: page.length,
      Resources: page,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  return fake;
}

const DEPARTMENTS = ['Finance', 'Engineering', 'Sales', 'Legal', 'People', 'Security', 'Support', 'Marketing'];
const CITIES: [string, string][] = [
  ['London', 'GB'],
  ['Paris', 'FR'],
  ['Berlin', 'DE'],
  ['New York', 'US'],
];

/** A synthetic organisation as an IdP provisions it: managers, departments, offices, mobiles and groups. */
export function generateScimOrganisation(userCount: number, groupCount = Math.max(4, Math.round(userCount / 50))) {
  const users: ScimUser[] = [];
  for (let i = 0; i < userCount; i++) {
    const id = `scim-${String(i).padStart(6, '0')}`;
    const [city, country] = CITIES[i % CITIES.length];
    users.push({
      id,
      userName: `person${i}@corp.example.com`,
      active: true,
      displayName: `Person ${i}`,
      title: i % 10 === 0 ? 'Manager' : 'Analyst',
      name: { givenName: 'Person', familyName: String(i) },
      emails: [
        { value: `person${i}@corp.example.com`, type: 'work', primary: true },
        { value: `person${i}@home.example.net`, type: 'home' },
      ],
      phoneNumbers: [{ value: `+44 7700 ${String(900000 + i).slice(-6)}`, type: 'mobile' }],
      addresses: [{ type: 'work', locality: city, country }],
      [ENTERPRISE_USER]: {
        department: DEPARTMENTS[i % DEPARTMENTS.length],
        manager: i >= 10 ? { value: `scim-${String(i - (i % 10)).padStart(6, '0')}` } : undefined,
      },
    });
  }
  const groups: ScimGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    groups.push({
      id: `group-${g}`,
      displayName: `${DEPARTMENTS[g % DEPARTMENTS.length]} team ${g}`,
      members: users.filter((_, i) => i % groupCount === g || i % (groupCount + 3) === g).map((u) => ({ value: u.id, type: 'User' })),
    });
  }
  return { users, groups };
}
