import { type Stack, TEST_IDP_PASSWORD } from './stack';

export interface ConsoleSession {
  /** The Cookie header carrying the console session. */
  cookie: string;
  csrfToken: string;
  roles: string[];
}

/** A minimal cookie jar: one host, names are unique enough across the IdP and the API. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || pair.slice(eq + 1) === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
  }

  header(only?: string[]): string {
    return [...this.cookies]
      .filter(([name]) => !only || only.includes(name))
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
}

/** Follows redirects by hand so every hop's cookies land in the jar (as a browser would). */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}, maxHops = 10): Promise<Response> {
  let next = url;
  let request = init;
  for (let hop = 0; hop < maxHops; hop++) {
    const res = await fetch(next, { ...request, redirect: 'manual', headers: { ...request.headers, cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return res;
    next = new URL(location, next).toString();
    request = {}; // redirects become GETs
  }
  throw new Error(`too many redirects from ${url}`);
}

/** Signs in to the console through the development IdP's login form, as a person would. */
export async function signInToConsole(stack: Stack, email: string, password = TEST_IDP_PASSWORD): Promise<ConsoleSession> {
  const jar = new CookieJar();
  const loginForm = await browse(jar, `${stack.baseUrl}/api/v1/auth/login`);
  const html = await loginForm.text();
  const action = /action="([^"]+\/login)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form from the dev IdP (${loginForm.status}): ${html.slice(0, 300)}`);
  const landed = await browse(jar, new URL(action, stack.baseUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  if (!landed.url.includes('/console/') && landed.status !== 200) throw new Error(`sign-in ended at ${landed.status} ${landed.url}`);
  const cookie = jar.header(['rg_console']);
  const session = await fetch(`${stack.baseUrl}/api/v1/auth/session`, { headers: { cookie } });
  if (session.status !== 200) throw new Error(`no console session after signing in as ${email}: ${session.status} ${await session.text()}`);
  const body = (await session.json()) as { csrfToken: string; user: { roles: string[] } };
  return { cookie, csrfToken: body.csrfToken, roles: body.user.roles };
}
