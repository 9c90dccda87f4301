import type { KeycloakSettings } from '../../../core/config/integrations-config';
import type { ResetAction } from '../../../workflows/verification/model';
import { type ConnectorOutcome, type ConnectorRequest, PermanentConnectorError, type ResetConnector } from './reset-connector';

const TIMEOUT_MS = 10_000;

/**
 * Keycloak's admin REST API with a service-account client (client credentials; its service
 * account needs realm-management `view-users` and `manage-users`). A reset sends Keycloak's own
 * "update your password" email; an unlock clears the brute-force lockout. ResetGate never sees a password.
 */
export class KeycloakConnector implements ResetConnector {
  readonly name = 'keycloak';

  constructor(private readonly settings: KeycloakSettings) {}

  async run({ userEmail, action }: ConnectorRequest): Promise<ConnectorOutcome> {
    const token = await this.adminToken();
    const userId = await this.findUser(token, userEmail);
    await this.perform(token, userId, action);
    const what = action === 'account_unlock' ? 'brute-force lockout cleared' : 'execute-actions-email UPDATE_PASSWORD sent';
    return { status: 'succeeded', detail: `Keycloak user ${userId}: ${what}` };
  }

  private async adminToken(): Promise<string> {
    const { baseUrl, tokenRealm, clientId, clientSecret } = this.settings;
    const res = await request(`${baseUrl}/realms/${encodeURIComponent(tokenRealm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    await failUnlessOk(res, 'the token request');
    const body = (await res.json()) as { access_token?: unknown };
    if (typeof body.access_token !== 'string') throw new PermanentConnectorError('Keycloak issued no access token');
    return body.access_token;
  }

  private async findUser(token: string, email: string): Promise<string> {
    const query = new URLSearchParams({ email, exact: 'true' });
    const res = await request(`${this.adminBase()}/users?${query}`, { headers: { authorization: `Bearer ${token}` } });
    await failUnlessOk(res, 'the user search');
    const users = (await res.json()) as { id: string; email?: string }[];
    // `exact` matches case-insensitively on recent Keycloak; check again rather than trust a partial match.
    const matches = users.filter((u) => u.email?.toLowerCase() === email.toLowerCase());
    if (matches.length !== 1) throw new PermanentConnectorError(`Keycloak has ${matches.length} users with the email ${email}`);
    return matches[0].id;
  }

  private async perform(token: string, userId: string, action: ResetAction): Promise<void> {
    const user = `${this.adminBase()}/users/${encodeURIComponent(userId)}`;
    const auth = { authorization: `Bearer ${token}` };
    if (action === 'account_unlock') {
      const res = await request(`${this.adminBase()}/attack-detection/brute-force/users/${encodeURIComponent(userId)}`, {
        method: 'DELETE',
        headers: auth,
      });
      return failUnlessOk(res, 'the unlock');
    }
    const lifespan = this.settings.actionsLifespanSeconds ? `?lifespan=${this.settings.actionsLifespanSeconds}` : '';
    const res = await request(`${user}/execute-actions-email${lifespan}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(['UPDATE_PASSWORD']),
    });
    await failUnlessOk(res, 'execute-actions-email');
  }

  private adminBase(): string {
    return `${this.settings.baseUrl}/admin/realms/${encodeURIComponent(this.settings.realm)}`;
  }
}

function request(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
}

/** 4xx is final (but for 408 and 429); 5xx is thrown as a plain error, to be retried. */
async function failUnlessOk(res: Response, what: string): Promise<void> {
  if (res.ok) return;
  // Keycloak's error bodies ({"error", "error_description"} or {"errorMessage"}) carry no secret; keep them short.
  const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
  const message = `Keycloak answered ${res.status} to ${what}${text ? `: ${text}` : ''}`;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentConnectorError(message);
  throw new Error(message);
}
