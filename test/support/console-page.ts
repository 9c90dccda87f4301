import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getCountry } from 'countries-and-timezones';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DirectorySigninEntity } from '../../core/database/entities';
import { USER_AGENTS } from '../strength/user-agents';
import { phoneContext, SCREENSHOTS } from './browser';
import { answerQuestions, skipSignIn } from './ssp-page';
import { linkFor } from './ssp-client';
import { type Stack, TEST_IDP_PASSWORD } from './stack';

/** The agent's desk: a 1440×900 screen in London. */
export function desktopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
}

/**
 * Opens the console signed out, presses Sign in and fills the development IdP's form, as a person
 * would. A browser still signed in at the IdP comes straight back, as with any single sign-on.
 */
export async function signInWithBrowser(page: Page, stack: Stack, email: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/console/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await page.locator('#email').or(signOut).waitFor();
  if (await signOut.isVisible()) return;
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(TEST_IDP_PASSWORD);
  await page.locator('button[type=submit]').first().click();
  await signOut.waitFor();
}

export interface Caller {
  id: string;
  name: string;
  email: string;
  mobile: string;
  userAgent: string;
  timezoneId: string;
}

/**
 * A directory user with enough data for a full set of questions and a UK mobile (the dialog's
 * country picker is exercised with it); `privileged` picks one in an admin group (two approvers).
 */
export async function pickCaller(stack: Stack, options: { privileged: boolean; offset?: number }): Promise<Caller> {
  const [user] = await stack.db.dataSource.query(
    `SELECT u.id, u.display_name, u.email, u.mobile_phone, u.office_country FROM directory_users u
      WHERE u.manager_id IS NOT NULL AND u.mobile_phone LIKE '+44%' AND cardinality(u.groups) > 2
        AND EXISTS (SELECT 1 FROM directory_meetings m WHERE u.id = ANY(m.attendee_ids))
        AND ${options.privileged ? '' : 'NOT'} (u.groups && ARRAY['okta-admins','github-admins','workday-admins','endpoint-admins','fin-payroll'])
      ORDER BY u.id OFFSET $1 LIMIT 1`,
    [options.offset ?? 0],
  );
  const signin = await stack.db.dataSource.getRepository(DirectorySigninEntity).findOneByOrFail({ userId: user.id });
  return {
    id: user.id,
    name: user.display_name,
    email: user.email,
    mobile: user.mobile_phone,
    userAgent: USER_AGENTS[signin.device!],
    timezoneId: getCountry(user.office_country)!.timezones[0],
  };
}

/** The directory loses the caller's manager: nobody can vouch for them, so the SSP offers no vouch. */
export async function withoutManager(stack: Stack, caller: Caller): Promise<Caller> {
  await stack.db.dataSource.query(`UPDATE directory_users SET manager_id = NULL WHERE id = $1`, [caller.id]);
  return caller;
}

/** The caller, on their own phone, opens the link and answers what they know. */
export async function passOnPhone(browser: Browser, stack: Stack, caller: Caller, verificationId: string): Promise<void> {
  const context = await phoneContext(browser, caller);
  try {
    const page = await context.newPage();
    await page.goto(await linkFor(stack, verificationId));
    await page.getByRole('button', { name: 'Start verification' }).click();
    await skipSignIn(page);
    await answerQuestions(page, stack, verificationId, 'knows');
    await page.getByRole('heading', { name: 'You’re verified' }).waitFor();
  } finally {
    await context.close();
  }
}

/** Marks the page; if it is still marked later, nothing reloaded it in between. */
export async function markPage(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => ((globalThis as Record<string, unknown>).__notReloaded = true));
  return () => page.evaluate(() => (globalThis as Record<string, unknown>).__notReloaded === true);
}

/**
 * Opens a second live stream in the page; the answer waits for `id` to reach `status` on it. So a
 * test knows when a change has been sent to browsers.
 */
export async function whenStreamed(page: Page, id: string, status: string): Promise<() => Promise<void>> {
  await page.evaluate(
    ({ id, status }) =>
      new Promise<void>((opened) => {
        const source = new EventSource('/api/v1/verifications/events');
        (globalThis as Record<string, unknown>).__streamed = new Promise<void>((streamed) =>
          source.addEventListener('verification', (event) => {
            const view = JSON.parse((event as unknown as { data: string }).data) as { id: string; status: string };
            if (view.id === id && view.status === status) streamed(source.close());
          }),
        );
        source.onopen = () => opened();
      }),
    { id, status },
  );
  return () => page.evaluate(() => (globalThis as Record<string, unknown>).__streamed as Promise<void>);
}

/** What is on screen now (a dialog over the page), rather than the whole scrolled page. */
export async function screenshotScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The agent sends a link from the console's dialog to the caller's number; the verification's id. */
export async function sendLinkFromDialog(page: Page, caller: Caller): Promise<string> {
  await page.getByRole('button', { name: 'Send verification link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a Verification Portal link' });
  await dialog.getByRole('combobox', { name: 'User' }).fill(caller.name.split(' ')[1]);
  await page.getByRole('option').filter({ hasText: caller.email }).click();
  await dialog.getByLabel('Mobile number').fill(caller.mobile);
  await dialog.getByText(`Will send to ${caller.mobile}`).waitFor();
  await dialog.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Password reset' }).click();
  await dialog.getByRole('button', { name: 'Send link' }).click();
  await page.waitForURL(/\/console\/verifications\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}
