import { DirectorySourceError } from './directory-connector';

/** SCIM 2.0 (RFC 7643/7644) resources as Okta and Entra ID provision them; only the attributes ResetGate reads. */
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimUser {
  id: string;
  userName: string;
  active?: boolean;
  displayName?: string;
  title?: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  emails?: { value: string; type?: string; primary?: boolean }[];
  phoneNumbers?: { value: string; type?: string; primary?: boolean }[];
  addresses?: { type?: string; locality?: string; country?: string; primary?: boolean }[];
  groups?: { value: string; display?: string }[];
  [ENTERPRISE_USER]?: { department?: string; manager?: { value?: string } };
}

export interface ScimGroup {
  id: string;
  displayName: string;
  members?: { value: string; type?: string }[];
}

interface ListResponse<T> {
  totalResults: number;
  itemsPerPage?: number;
  startIndex?: number;
  Resources?: T[];
}

/** A SCIM service provider's refusal or failure. */
export class ScimError extends DirectorySourceError {}

const TIMEOUT_MS = 30_000;

/** Pages through a SCIM 2.0 service provider with a bearer token. */
export class ScimClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly pageSize = 200,
  ) {}

  users(): AsyncGenerator<ScimUser[]> {
    return this.pages<ScimUser>('/Users');
  }

  /** Groups with their members. Service providers that omit members here still list `groups` on each user. */
  groups(): AsyncGenerator<ScimGroup[]> {
    return this.pages<ScimGroup>('/Groups', 'id,displayName,members');
  }

  /** RFC 7644 §3.4.2.4: 1-based startIndex, until a short or empty page or totalResults is reached. */
  private async *pages<T>(path: string, attributes?: string): AsyncGenerator<T[]> {
    let startIndex = 1;
    for (;;) {
      const query = new URLSearchParams({ startIndex: String(startIndex), count: String(this.pageSize) });
      if (attributes) query.set('attributes', attributes);
      const page = await this.get<ListResponse<T>>(`${path}?${query}`);
      const resources = page.Resources ?? [];
      if (resources.length) yield resources;
      startIndex += resources.length;
      if (resources.length === 0 || startIndex > page.totalResults) return;
    }
  }

  private async get<T>(pathAndQuery: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/scim+json, application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) {
      // SCIM errors carry `detail`; no credential is ever echoed in them.
      const detail = ((await res.json().catch(() => ({}))) as { detail?: string }).detail;
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new ScimError(`SCIM ${pathAndQuery.split('?')[0]} answered ${res.status}${detail ? `: ${detail}` : ''}`, permanent);
    }
    return (await res.json()) as T;
  }
}
