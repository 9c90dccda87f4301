import { DevOutboxMessageEntity, DirectoryUserEntity, VerificationEntity } from '../../core/database/entities';
import { browse, CookieJar } from './console-session';
import { type ApiResponse, call, type Stack, TEST_IDP_PASSWORD } from './stack';

/** The manager on file of a verification's user. */
export async function managerOf(stack: Stack, verificationId: string): Promise<DirectoryUserEntity> {
  const { userId } = await stack.db.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: verificationId });
  const user = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: userId });
  return stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.managerId! });
}

/** The vouch link's token as the manager receives it: from the dev outbox, sent to their work address. */
export async function vouchToken(stack: Stack, verificationId: string, managerEmail: string): Promise<string> {
  // Generous: on a loaded CI machine the worker can take a while to pick up the delivery.
  const deadline = Date.now() + 45_000;
  for (;;) {
    const [message] = await stack.db.dataSource.getRepository(DevOutboxMessageEntity).findBy({ verificationId, to: managerEmail });
    if (message?.link) {
      const link = new URL(message.link);
      if (link.pathname !== '/ssp/vouch') throw new Error(`not a vouch link: ${message.link}`);
      return link.hash.replace(/^#token=/, '');
    }
    if (Date.now() > deadline) throw new Error(`no vouch email to ${managerEmail} for ${verificationId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The voucher's browser: opens the link, signs in at the dev IdP as `email`, and lands back on the vouch page. */
export async function signInToVouch(
  stack: Stack,
  token: string,
  email: string,
): Promise<{ jar: CookieJar; landed: string; started: Pick<ApiResponse, 'status' | 'body'> }> {
  const jar = new CookieJar();
  const started = await fetch(`${stack.baseUrl}/api/v1/vouches/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  jar.store(started);
  const body = (await started.json()) as { authorizationUrl: string };
  if (started.status !== 200) return { jar, landed: '', started: { status: started.status, body } };
  const form = await browse(jar, body.authorizationUrl);
  const action = /action="([^"]+\/login)"/.exec(await form.text())?.[1];
  if (!action) throw new Error(`no login form from the dev IdP (${form.status})`);
  const landed = await browse(jar, new URL(action, body.authorizationUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: TEST_IDP_PASSWORD }).toString(),
  });
  return { jar, landed: landed.url, started: { status: 200, body } };
}

/** The whole vouch over HTTP: the user asks from their session, and their manager answers. */
export async function vouchFor(
  stack: Stack,
  session: { id: string; cookie: string },
  decision: 'confirm' | 'refuse' = 'confirm',
): Promise<void> {
  const asked = await call(stack, 'POST', '/api/v1/ssp/session/vouch', { key: null, cookie: session.cookie });
  if (asked.status !== 200) throw new Error(`vouch not asked: ${JSON.stringify(asked.body)}`);
  await managerAnswers(stack, session.id, decision);
}

/** The manager's side, once the user has asked: the link from their inbox, their sign-in, their answer. */
export async function managerAnswers(stack: Stack, verificationId: string, decision: 'confirm' | 'refuse' = 'confirm'): Promise<void> {
  const manager = await managerOf(stack, verificationId);
  const { jar } = await signInToVouch(stack, await vouchToken(stack, verificationId, manager.email), manager.email);
  const body = decision === 'confirm' ? { decision, how: 'video' } : { decision };
  const answered = await call(stack, 'POST', '/api/v1/vouches/request/decision', { key: null, cookie: jar.header(['rg_vouch']), body });
  if (answered.status !== 200) throw new Error(`vouch not answered: ${JSON.stringify(answered.body)}`);
}
