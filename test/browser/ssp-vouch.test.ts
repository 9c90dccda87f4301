import type { Browser, Page } from 'playwright-core';
import { DevOutboxMessageEntity, DirectoryUserEntity } from '../../core/database/entities';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { type Caller, desktopContext, pickCaller, signInWithBrowser } from '../support/console-page';
import { linkFor, waitForVerification } from '../support/ssp-client';
import { answerQuestions } from '../support/ssp-page';
import { call, type Stack, startStack, TEST_IDP_PASSWORD } from '../support/stack';

/**
 * A manager's vouch in Chromium, both ways (docs/assurance.md): the caller asks on their phone;
 * the manager opens the email from the dev outbox on theirs, signs in at the development IdP as
 * themselves, sees who is asking, and confirms or refuses. The caller's page follows live.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ RESETGATE_ASSURANCE: 'proofs' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function expectAccessible(page: Page, name: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}

async function sendLink(caller: Caller): Promise<string> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** The caller starts on their phone, skips the work sign-in, and asks their manager. */
async function askManager(caller: Caller, id: string, screenshots?: string) {
  const phone = await phoneContext(browser, caller);
  const ssp = await phone.newPage();
  await ssp.goto(await linkFor(stack, id));
  await ssp.getByRole('button', { name: 'Start verification' }).click();
  await ssp.getByRole('button', { name: 'I can’t sign in — go to the questions' }).click();
  await ssp.getByRole('heading', { name: 'Ask your manager to vouch for you' }).waitFor();
  if (screenshots) await expectAccessible(ssp, `${screenshots}-offer`);
  await ssp.getByRole('button', { name: 'Ask my manager' }).click();
  await ssp.getByRole('heading', { name: /^We asked / }).waitFor();
  if (screenshots) await expectAccessible(ssp, `${screenshots}-waiting`);
  return { phone, ssp };
}

/** The manager, on their own phone: the link from their work inbox, and the sign-in as themselves. */
async function managerOpens(caller: Caller, id: string) {
  const user = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: caller.id });
  const manager = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.managerId! });
  const [email] = await stack.db.dataSource.getRepository(DevOutboxMessageEntity).findBy({ verificationId: id, to: manager.email });
  expect(email.subject).toBe(`${caller.name} asks you to vouch for them`);
  const context = await phoneContext(browser, { userAgent: caller.userAgent, timezoneId: caller.timezoneId });
  const page = await context.newPage();
  await page.goto(email.link!);
  await page.getByRole('heading', { name: 'Someone asked you to vouch for them' }).waitFor();
  expect(page.url()).not.toContain('token='); // removed from the address bar at once
  return { manager, context, page };
}

async function signInAtIdp(page: Page, email: string) {
  await page.getByRole('button', { name: 'Sign in with my work account' }).click();
  await page.locator('#password').waitFor();
  expect(await page.locator('#email').inputValue()).toBe(email); // the IdP is told who should sign in
  await page.locator('#password').fill(TEST_IDP_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the manager confirms on video: the caller’s page says so live, and the caller passes', async () => {
  const caller = await pickCaller(stack, { privileged: false });
  const id = await sendLink(caller);
  const { phone, ssp } = await askManager(caller, id, 'ssp-14-vouch');

  const { manager, context, page } = await managerOpens(caller, id);
  await expectAccessible(page, 'ssp-15-vouch-manager-landing');
  await signInAtIdp(page, manager.email);
  await page.getByRole('heading', { name: `Is this really ${caller.name}?` }).waitFor();
  const facts = await page.locator('dl.facts').innerText();
  expect(facts).toMatch(/Why\s+The helpdesk \(.+\) is checking their identity before a password reset/);
  expect(facts).toMatch(/From\s+\S+ · Mozilla/);
  const confirm = page.getByRole('button', { name: 'Yes, it’s them — I vouch' });
  expect(await confirm.isDisabled()).toBe(true); // not before saying how they spoke
  await page.getByLabel('On video').check();
  await expectAccessible(page, 'ssp-16-vouch-manager-request');
  await confirm.click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  await expectAccessible(page, 'ssp-17-vouch-manager-confirmed');
  await context.close();

  // The caller's phone was polling: it says so without a reload.
  await ssp.getByRole('heading', { name: `${manager.displayName} vouched for you` }).waitFor({ timeout: 15_000 });
  await ssp.getByRole('button', { name: 'Continue' }).click();
  await answerQuestions(ssp, stack, id, 'knows');
  await ssp.getByRole('heading', { name: 'You’re verified' }).waitFor();
  await phone.close();
  const done = await waitForVerification(stack, id, ['passed']);
  expect(done.receipt).toMatchObject({ decidedBy: ['destination_of_record', 'vouch'], recoveryClass: 'two_recovery_codes' });

  // The agent's panel shows who vouched.
  const desk = await desktopContext(browser);
  const console = await desk.newPage();
  await signInWithBrowser(console, stack, 'agent@example.com');
  await console.goto(`${stack.baseUrl}/console/verifications/${id}`);
  await console
    .getByRole('table', { name: 'Each proof and where it stands' })
    .getByRole('row', {
      name: new RegExp(`Met A person who vouches ${manager.displayName} \\(manager\\) confirmed they spoke to the user on video`),
    })
    .waitFor();
  await screenshot(console, 'console-21-vouch-met');
  await desk.close();
}, 120_000);

test('the manager refuses: the caller is told, and fails whatever they answer', async () => {
  const caller = await pickCaller(stack, { privileged: false, offset: 1 });
  const id = await sendLink(caller);
  const { phone, ssp } = await askManager(caller, id);

  const { manager, context, page } = await managerOpens(caller, id);
  await signInAtIdp(page, manager.email);
  await page.getByRole('button', { name: 'No, I haven’t spoken to them' }).click();
  await page.getByRole('heading', { name: 'Thank you: nothing will be changed' }).waitFor();
  await expectAccessible(page, 'ssp-18-vouch-manager-refused');
  // The link is spent: opening it again says so.
  const [email] = await stack.db.dataSource.getRepository(DevOutboxMessageEntity).findBy({ verificationId: id, to: manager.email });
  await page.goto('about:blank'); // a fresh load: from the vouch page, only the fragment would change
  await page.goto(email.link!);
  await page.getByRole('button', { name: 'Sign in with my work account' }).click();
  await page.getByRole('heading', { name: 'This link isn’t valid any more' }).waitFor();
  await context.close();

  await ssp.getByRole('heading', { name: `${manager.displayName} did not vouch for you` }).waitFor({ timeout: 15_000 });
  await expectAccessible(ssp, 'ssp-19-vouch-refused-caller');
  await ssp.getByRole('button', { name: 'Continue' }).click();
  await answerQuestions(ssp, stack, id, 'knows');
  await ssp.getByRole('heading', { name: 'We couldn’t verify you online' }).waitFor();
  await phone.close();
  const done = await waitForVerification(stack, id, ['failed']);
  expect(done.receipt.reasons.join(' ')).toMatch(/refused: they did not speak to the caller/);
}, 120_000);
