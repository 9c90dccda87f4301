import { getCountry } from 'countries-and-timezones';
import type { Browser } from 'playwright-core';
import { DirectorySigninEntity } from '../../core/database/entities';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { answerQuestions, skipSignIn } from '../support/ssp-page';
import { linkFor, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack, TEST_IDP_PASSWORD } from '../support/stack';
import { USER_AGENTS } from '../strength/user-agents';

/** The end user's journey in a real Chromium on a phone-sized screen, from the dev-outbox link. */
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Caller {
  id: string;
  email: string;
  mobile: string;
  userAgent: string;
  timezoneId: string;
}

async function caller(offset: number): Promise<Caller> {
  const [user] = await stack.db.dataSource.query(
    `SELECT u.id, u.email, u.mobile_phone, u.office_country FROM directory_users u
      WHERE u.manager_id IS NOT NULL AND u.mobile_phone IS NOT NULL AND cardinality(u.groups) > 2
        AND EXISTS (SELECT 1 FROM directory_meetings m WHERE u.id = ANY(m.attendee_ids))
      ORDER BY u.id OFFSET $1 LIMIT 1`,
    [offset],
  );
  const signin = await stack.db.dataSource.getRepository(DirectorySigninEntity).findOneByOrFail({ userId: user.id });
  return {
    id: user.id,
    email: user.email,
    mobile: user.mobile_phone,
    userAgent: USER_AGENTS[signin.device!],
    timezoneId: getCountry(user.office_country)!.timezones[0],
  };
}

async function sendLink(person: Caller): Promise<{ id: string; link: string }> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: person.email, channel: 'sms', destination: person.mobile, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, link: await linkFor(stack, created.body.id) };
}

test('a user who knows their data passes; every page is accessible; the link is spent once', async () => {
  const person = await caller(0);
  const { id, link } = await sendLink(person);

  // Email scanners fetch the link, and previewers even run its page: neither may spend it.
  expect((await fetch(link)).status).toBe(200);
  const preview = await phoneContext(browser, person);
  await (await preview.newPage()).goto(link);
  await preview.close();

  const context = await phoneContext(browser, person);
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { webdriver: boolean } }).navigator.webdriver)).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-1-landing');

  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByRole('heading', { name: 'Can you still sign in to your work account?' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-2-sign-in-offer');
  await skipSignIn(page);
  await page.getByText(/^Question 1 of [34]$/).waitFor();
  expect(await page.getByText('Time left:').isVisible()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-2-question');

  const answered = await answerQuestions(page, stack, id, 'knows');
  expect(answered).toBeGreaterThanOrEqual(3);
  await page.getByRole('heading', { name: 'You’re verified' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-3-verified');
  const verification = await waitForVerification(stack, id, ['passed']);
  expect(verification.riskScore).toBeLessThanOrEqual(2);

  // The same link again: one uniform "can't be used" page.
  const again = await context.newPage();
  await again.goto(link);
  await again.getByRole('button', { name: 'Start verification' }).click();
  await again.getByRole('heading', { name: 'This link can’t be used' }).waitFor();
  expect(await accessibilityViolations(again)).toEqual([]);
  await screenshot(again, 'ssp-5-invalid-link');
  await context.close();
});

test('a caller who does not know the answers fails and is sent back to the helpdesk', async () => {
  const person = await caller(1);
  const { id, link } = await sendLink(person);
  const context = await phoneContext(browser, person);
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Start verification' }).click();
  await skipSignIn(page);
  await answerQuestions(page, stack, id, 'guesses wrong');
  await page.getByRole('heading', { name: 'We couldn’t verify you online' }).waitFor();
  expect(await page.getByText('Please contact your helpdesk').isVisible()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-4-failed');
  await waitForVerification(stack, id, ['failed']);
  await context.close();
});

test('a user who can still sign in at work does so from the SSP and comes back to the questions', async () => {
  const person = await caller(2);
  const { id, link } = await sendLink(person);
  const context = await phoneContext(browser, person);
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByRole('button', { name: 'Sign in with my work account' }).click();

  // The organisation's sign-in page (here the development IdP), with the user's address filled in.
  await page.locator('#password').waitFor();
  expect(await page.locator('#email').inputValue()).toBe(person.email.toLowerCase());
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-8-idp-sign-in');
  await page.locator('#password').fill(TEST_IDP_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByText('Thanks, you’re signed in. Now a few questions.').waitFor();
  expect(page.url()).toBe(`${stack.baseUrl}/ssp/`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await answerQuestions(page, stack, id, 'knows');
  await page.getByRole('heading', { name: 'You’re verified' }).waitFor();
  const verification = await waitForVerification(stack, id, ['passed']);
  expect(verification.outcomeReason).toContain('with IdP sign-in');
  expect(verification.stepUp).toMatchObject({ matched: true });
  await context.close();
});

test('a page opened without a link explains what to do', async () => {
  const context = await phoneContext(browser, { userAgent: USER_AGENTS['iOS · Safari'], timezoneId: 'Europe/London' });
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/ssp/`);
  await page.getByRole('heading', { name: 'This link can’t be used' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});

test('a user the directory knows too little about is told to contact the helpdesk', async () => {
  const [user] = await stack.db.dataSource.query(`SELECT email FROM directory_users WHERE title = 'New Joiner' LIMIT 1`);
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: '+447700900555', reason: 'account_recovery' },
  });
  const context = await phoneContext(browser, { userAgent: USER_AGENTS['iOS · Safari'], timezoneId: 'Europe/London' });
  const page = await context.newPage();
  await page.goto(await linkFor(stack, created.body.id));
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByText('We don’t have enough information to verify you this way.', { exact: false }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-7-not-enough');
  await waitForVerification(stack, created.body.id, ['not_enough_questions']);
  await context.close();
});
