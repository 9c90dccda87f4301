import { getCountry } from 'countries-and-timezones';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { DirectorySigninEntity, RecoveryPasskeyEntity } from '../../core/database/entities';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { standardUsers } from '../support/passkey-client';
import { linkFor, waitForVerification } from '../support/ssp-client';
import { answerQuestions, skipSignIn, vouchedByManager } from '../support/ssp-page';
import { call, type Stack, startStack } from '../support/stack';
import { USER_AGENTS } from '../strength/user-agents';

/**
 * A recovery passkey end to end in Chromium on a phone-sized screen, through Chromium's virtual
 * authenticator (a platform authenticator with user verification, as on a phone): the user passes
 * and adds a passkey; in their next verification, decided by proofs, the passkey is the strong proof.
 */
let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

beforeAll(async () => {
  // localhost: WebAuthn refuses an IP address as the relying party, and localhost is a secure context.
  [stack, browser] = await Promise.all([startStack({ RESETGATE_ASSURANCE: 'proofs' }, { host: 'localhost' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function person() {
  const candidates = await standardUsers(stack, 20);
  for (const user of candidates) {
    const signin = await stack.db.dataSource.getRepository(DirectorySigninEntity).findOneBy({ userId: user.id });
    const [meeting] = await stack.db.dataSource.query(`SELECT 1 FROM directory_meetings WHERE $1 = ANY(attendee_ids) LIMIT 1`, [user.id]);
    const [row] = await stack.db.dataSource.query(`SELECT office_country FROM directory_users WHERE id = $1`, [user.id]);
    if (signin?.device && meeting) {
      return { ...user, userAgent: USER_AGENTS[signin.device], timezoneId: getCountry(row.office_country)!.timezones[0] };
    }
  }
  throw new Error('no user with sign-ins and meetings');
}

async function sendLink(user: { email: string; mobile_phone: string }): Promise<{ id: string; link: string }> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, link: await linkFor(stack, created.body.id) };
}

async function expectAccessible(name: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}

test('a user passes and adds a recovery passkey; in the next verification, decided by proofs, it is the strong proof', async () => {
  const user = await person();
  context = await phoneContext(browser, user);
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  }));

  // 1. A pass by proofs (the number on record and the manager's vouch), then the offer.
  const first = await sendLink(user);
  await page.goto(first.link);
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByRole('button', { name: 'I can’t sign in — go to the questions' }).click();
  await vouchedByManager(page, stack, first.id);
  await answerQuestions(page, stack, first.id, 'knows');
  await page.getByRole('heading', { name: 'You’re verified' }).waitFor();
  await page.getByRole('heading', { name: 'Add a recovery passkey for next time' }).waitFor();
  await expectAccessible('ssp-9-passkey-offer');
  await page.getByRole('button', { name: 'Add a recovery passkey' }).click();
  await page.getByRole('heading', { name: 'Recovery passkey added' }).waitFor();
  await expectAccessible('ssp-10-passkey-added');

  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
  const [enrolled] = await stack.db.dataSource.getRepository(RecoveryPasskeyEntity).findBy({ userId: user.id });
  expect(enrolled).toMatchObject({ credentialId: credentials[0].credentialId.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') });
  expect(enrolled.enrolledAfterVerificationId).toBe(first.id);

  // 2. The next verification: the passkey comes first after Start, and no vouch is needed.
  const second = await sendLink(user);
  // The same tab, which holds the virtual authenticator; via a blank page, or the new link would only change the fragment.
  await page.goto('about:blank');
  await page.goto(second.link);
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByRole('heading', { name: 'Use your recovery passkey' }).waitFor();
  await expectAccessible('ssp-11-passkey-step');
  await page.getByRole('button', { name: 'Use my passkey' }).click();
  await page.getByText('Your recovery passkey is confirmed.').waitFor();
  await expectAccessible('ssp-12-passkey-confirmed');
  await skipSignIn(page);
  await answerQuestions(page, stack, second.id, 'knows');
  await page.getByRole('heading', { name: 'You’re verified' }).waitFor();

  const verification = await waitForVerification(stack, second.id, ['passed']);
  expect(verification.receipt).toMatchObject({
    outcome: 'passed',
    assurance: 'standard',
    recoveryClass: 'recovery_code_and_authenticator',
    decidedBy: ['destination_of_record', 'recovery_passkey'],
  });
  expect(verification.proofs).toContainEqual(
    expect.objectContaining({
      kind: 'recovery_passkey',
      status: 'met',
      evidence: { credentialId: enrolled.credentialId.slice(0, 8), userVerified: true },
    }),
  );
  const [used] = await stack.db.dataSource.getRepository(RecoveryPasskeyEntity).findBy({ userId: user.id });
  expect(used.lastUsedAt).not.toBeNull();
  await context.close();
}, 150_000); // two verifications through a phone-sized browser: 20 s alone, three times that on a loaded machine
