import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot } from '../support/browser';
import {
  desktopContext,
  markPage,
  passOnPhone,
  pickCaller,
  screenshotScreen,
  signInWithBrowser,
  whenStreamed,
} from '../support/console-page';
import { signInToConsole } from '../support/console-session';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack, TEST_IDP_PASSWORD } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/** The helpdesk agent's console in a real Chromium: sign-in, the send-link dialog, live status, the reset gate. */
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('signed out, the console offers Sign in; someone with no ResetGate role is told why', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/console/verifications`);
  await page.getByRole('heading', { name: 'ResetGate Console' }).waitFor();
  expect(await page.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
    '/api/v1/auth/login?returnTo=%2Fconsole%2Fverifications',
  );
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-1-sign-in');

  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.locator('#email').fill('visitor@example.com');
  await page.locator('#password').fill(TEST_IDP_PASSWORD);
  await page.locator('button[type=submit]').first().click();
  await page.getByRole('alert').filter({ hasText: 'your account is in no ResetGate group' }).waitFor();
  expect(page.url()).not.toContain('signInError'); // shown once, not kept in the address bar
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-2-no-role');

  await context.close();

  // Cancelling at the IdP (a fresh browser: this one is signed in there as the visitor).
  const fresh = await desktopContext(browser);
  const again = await fresh.newPage();
  await again.goto(`${stack.baseUrl}/console/`);
  await again.getByRole('link', { name: 'Sign in' }).click();
  await again.getByRole('button', { name: 'Cancel' }).click();
  await again.getByRole('alert').filter({ hasText: 'The sign-in was cancelled or refused at your identity provider' }).waitFor();
  await fresh.close();
});

test('a session that ends mid-work returns to the sign-in screen; Sign out ends it at the IdP too', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByRole('heading', { name: 'Verifications' }).waitFor();
  await stack.db.dataSource.query(`DELETE FROM console_sessions WHERE email = 'agent@example.com'`);
  // The console notices at its next call (Refresh), or by itself when the live stream is refused.
  await page
    .getByRole('button', { name: 'Refresh' })
    .click({ timeout: 2000 })
    .catch(() => undefined);
  await page.getByRole('alert').filter({ hasText: 'Your session has ended. Sign in again' }).waitFor();

  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign out of the development IdP?' }).waitFor();
  const [{ n }] = await stack.db.dataSource.query(`SELECT count(*)::int AS n FROM console_sessions WHERE email = 'agent@example.com'`);
  expect(n).toBe(0);
  await context.close();
});

test('an agent sends a link from the dialog, sees the caller pass without reloading, and approves the reset', async () => {
  const caller = await pickCaller(stack, { privileged: false });
  const bystander = await pickCaller(stack, { privileged: false, offset: 1 });
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByRole('heading', { name: 'Verifications' }).waitFor();
  expect(await page.getByRole('navigation', { name: 'Console pages' }).innerText()).not.toMatch(/Audit log|Settings/);
  expect(await page.getByRole('link', { name: /Export CSV/ }).count()).toBe(0); // exports are for auditors and admins
  await page.getByText('Live', { exact: true }).waitFor();
  const notReloaded = await markPage(page);

  // Someone else's verification, started by an integrator, appears at the top by itself.
  const other = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: bystander.email, channel: 'sms', destination: bystander.mobile, reason: 'account_unlock', ticketRef: 'INC-1001' },
  });
  expect(other.status).toBe(201);
  await page.getByRole('link', { name: bystander.name }).waitFor();
  await page.getByText('1 verification', { exact: true }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-3-verifications');

  // The dialog: directory typeahead, country and national number, reason, ticket.
  await page.getByRole('button', { name: 'Send verification link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a Verification Portal link' });
  await dialog.getByRole('combobox', { name: 'User' }).fill(caller.name.split(' ')[1]);
  await page.getByRole('option').filter({ hasText: caller.email }).click();
  await dialog.getByRole('combobox', { name: 'Country' }).click();
  await page.getByRole('option', { name: 'United Kingdom (+44)' }).click();
  await dialog.getByLabel('Mobile number').fill(`0${caller.mobile.slice(3, 7)} ${caller.mobile.slice(7)}`);
  await dialog.getByText(`Will send to ${caller.mobile}`).waitFor();
  await dialog.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Password reset' }).click();
  await dialog.getByLabel('Ticket reference (optional)').fill('INC-4242');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshotScreen(page, 'console-4-send-link-dialog');
  // A double click sends one link: the second press finds the dialog busy or gone.
  await dialog.getByRole('button', { name: 'Send link' }).dblclick();

  await page.waitForURL(/\/console\/verifications\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await page.getByRole('heading', { name: caller.name }).waitFor();
  await page.locator('rg-status-chip').getByText('Link sent').waitFor();
  const [{ n }] = await stack.db.dataSource.query(`SELECT count(*)::int AS n FROM verifications WHERE user_email = $1`, [caller.email]);
  expect(n).toBe(1);
  expect(await page.getByText('Resend link').isVisible()).toBe(true);

  // The caller verifies on their phone; the agent's page changes by itself.
  await passOnPhone(browser, stack, caller, id);
  await page.locator('rg-status-chip').getByText('Passed').waitFor({ timeout: 20_000 });
  await page.getByText(/Approval window closes in \d+:\d\d/).waitFor();
  await page.getByRole('cell', { name: 'Correct' }).first().waitFor();
  expect(await notReloaded()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-5-panel-passed');

  await page.getByRole('button', { name: 'Approve reset' }).click();
  await page.getByText('Reset approved. Run your organisation’s reset procedure', { exact: false }).waitFor();
  const approved = await waitForVerification(stack, id, ['reset_approved', 'reset_completed']);
  expect(approved.approvals).toMatchObject([{ approvedBy: 'user:agent@example.com', action: 'password_reset', ticketRef: 'INC-4242' }]);
  expect(await page.getByRole('button', { name: 'Approve reset' }).isVisible()).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-6-panel-approved');
  await context.close();
}, 120_000);

test('a privileged user needs a second approver: the same agent counts once, another agent completes it', async () => {
  const caller = await pickCaller(stack, { privileged: true });
  const agent = await signInToConsole(stack, 'agent@example.com');
  const asAgent = { key: null, cookie: agent.cookie, headers: { 'x-csrf-token': agent.csrfToken } };
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    ...asAgent,
    body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'password_reset', ticketRef: 'INC-7' },
  });
  expect(created.body.requiredApprovals).toBe(2);
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  await answerAll(stack, cookie, created.body.id, rightAnswer);
  expect((await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} })).body.outcome).toBe('passed');
  const panel = `${stack.baseUrl}/console/verifications/${created.body.id}`;

  const first = await desktopContext(browser);
  const page = await first.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.goto(panel);
  await page.getByText('This user is privileged: two different people must approve the reset.').waitFor();
  await page.getByRole('button', { name: 'Approve reset' }).click();
  await page.getByText('Waiting for a second approver (not agent@example.com).').waitFor();
  const again = page.getByRole('button', { name: 'Give the second approval' });
  expect(await again.isDisabled()).toBe(true);
  expect(await page.getByText('You recorded the first approval. A different agent must give the second one.').isVisible()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-7-waiting-for-second-approver');

  // The server never counts the same person twice, whatever the page shows: their second call is a
  // retry of the first, answered with the same single approval.
  const sameAgain = await call(stack, 'POST', `/api/v1/verifications/${created.body.id}/reset-approval`, {
    ...asAgent,
    body: { action: 'password_reset' },
  });
  expect(sameAgain.status).toBe(200);
  expect(sameAgain.body).toMatchObject({ status: 'passed', approvals: [{ approvedBy: 'user:agent@example.com' }] });

  const second = await desktopContext(browser);
  const other = await second.newPage();
  await signInWithBrowser(other, stack, 'agent2@example.com');
  await other.goto(panel);
  await other.getByText('Waiting for a second approver (not agent@example.com).').waitFor();
  await other.getByRole('button', { name: 'Give the second approval' }).click();
  await other.getByText('Reset approved. Run your organisation’s reset procedure', { exact: false }).waitFor();
  expect(await other.getByRole('list', { name: 'Approvals recorded' }).innerText()).toMatch(/agent@example\.com[\s\S]*agent2@example\.com/);
  // The first agent's page follows along live.
  await page.getByText('Reset approved. Run your organisation’s reset procedure', { exact: false }).waitFor({ timeout: 20_000 });
  await first.close();
  await second.close();
}, 120_000);

test('an agent resends from the panel (pre-filled, replacing the open link), is told why a work address is refused, then cancels', async () => {
  const caller = await pickCaller(stack, { privileged: false, offset: 2 });
  const first = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'account_unlock', ticketRef: 'INC-55' },
  });
  await waitForVerification(stack, first.body.id, ['link_sent']);
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.goto(`${stack.baseUrl}/console/verifications/${first.body.id}`);
  await page.getByRole('button', { name: 'Resend link' }).click();

  const dialog = page.getByRole('dialog', { name: 'Resend the verification link' });
  await dialog.getByText('Sending replaces the open verification').waitFor();
  expect(await dialog.getByRole('combobox', { name: 'User' }).inputValue()).toBe(caller.name);
  expect(await dialog.getByLabel('Ticket reference (optional)').inputValue()).toBe('INC-55');
  expect(await dialog.getByRole('combobox', { name: 'Reason' }).innerText()).toContain('Account unlock');
  // The organisation's own domain is refused by the server; the reason shows on the field.
  await dialog.getByRole('radio', { name: 'Personal email' }).click();
  await dialog.getByLabel('Personal email address').fill('someone@example.com');
  await dialog.getByRole('button', { name: 'Send link' }).click();
  await dialog
    .getByText(/example\.com/)
    .and(dialog.locator('mat-error'))
    .waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await dialog.getByRole('radio', { name: 'SMS' }).click();
  await dialog.getByLabel('Mobile number').fill(caller.mobile);
  await dialog.getByRole('button', { name: 'Send link' }).click();

  await page.waitForURL((url) => !url.pathname.endsWith(first.body.id) && /\/verifications\/[0-9a-f-]{36}$/.test(url.pathname));
  const second = page.url().split('/').pop()!;
  expect((await waitForVerification(stack, first.body.id, ['cancelled'])).supersededBy).toBe(second);
  await page.locator('rg-status-chip').getByText('Link sent').waitFor();

  await page.getByRole('button', { name: 'Cancel verification' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Cancel this verification?' });
  await confirm.getByRole('button', { name: 'Cancel verification' }).click();
  await page.locator('rg-status-chip').getByText('Cancelled').waitFor();
  expect(await page.getByRole('button', { name: 'Cancel verification' }).count()).toBe(0);
  await context.close();
}, 60_000);

test('a slow load never hides a change that reached the panel live while it loaded', async () => {
  const caller = await pickCaller(stack, { privileged: false, offset: 3 });
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'password_reset' },
  });
  const id: string = created.body.id;
  await waitForVerification(stack, id, ['link_sent']);
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByText('Live', { exact: true }).waitFor();
  const cancelStreamed = await whenStreamed(page, id, 'cancelled');

  // The panel's load reads the row while the link is still open, and its answer is held back…
  let loadRead!: () => void;
  const read = new Promise<void>((resolve) => (loadRead = resolve));
  let releaseAnswer!: () => void;
  const released = new Promise<void>((resolve) => (releaseAnswer = resolve));
  await page.route(
    `**/api/v1/verifications/${id}`,
    async (route) => {
      const stale = await route.fetch();
      loadRead();
      await released;
      await route.fulfill({ response: stale });
    },
    { times: 1 },
  );
  await page.getByRole('link', { name: caller.name }).click();
  await read;
  // …while the verification is cancelled and the change streams to the page.
  expect((await call(stack, 'POST', `/api/v1/verifications/${id}/cancel`, { body: {} })).status).toBe(200);
  await cancelStreamed();
  // The console's own stream (batched for 200 ms by the server) has brought the change to the panel,
  // while its load is still held back.
  const chip = page.locator('rg-status-chip');
  await chip.getByText('Cancelled').waitFor();
  const answered = page.waitForResponse((response) => response.url().endsWith(`/api/v1/verifications/${id}`));
  releaseAnswer();
  await (await answered).finished();
  // A console that handles the stale answer rightly shows nothing new, so there is no sign to wait for:
  // this is a bounded "nothing happens" check. The answer is in the page; 'Link sent' must not appear
  // while it is applied (it would stay, were it let through: no later change would come to replace it).
  await expect(chip.getByText('Link sent').waitFor({ timeout: 1000 })).rejects.toThrow(/Timeout 1000ms exceeded/);
  expect(await chip.getByText('Cancelled').isVisible()).toBe(true);
  await context.close();
}, 60_000);

test('a verification that starts to match the filters takes its place by creation time, not the top', async () => {
  const ids: string[] = [];
  for (const [offset, ticketRef] of [
    [4, 'ORD-71'],
    [5, 'ORD-72'],
    [6, 'ORD-73'],
  ] as const) {
    const caller = await pickCaller(stack, { privileged: false, offset });
    const created = await call(stack, 'POST', '/api/v1/verifications', {
      body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'password_reset', ticketRef },
    });
    ids.push(created.body.id);
    await waitForVerification(stack, created.body.id, ['link_sent']);
  }
  const [oldest, middle, newest] = ids;
  const cancel = (id: string) => call(stack, 'POST', `/api/v1/verifications/${id}/cancel`, { body: {} });
  await cancel(middle);

  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByLabel('Search name, email or ticket (press /)').fill('ORD-7');
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Cancelled' }).click();
  const tickets = page.getByRole('cell', { name: /^ORD-7\d$/ });
  await page.getByText('1 verification matches', { exact: true }).waitFor();
  await page.getByText('Live', { exact: true }).waitFor();

  // The newest cancelled goes above the one shown; the oldest below it, not to the top.
  await cancel(newest);
  await page.getByText('2 verifications match', { exact: true }).waitFor();
  await cancel(oldest);
  await page.getByText('3 verifications match', { exact: true }).waitFor();
  expect(await tickets.allInnerTexts()).toEqual(['ORD-73', 'ORD-72', 'ORD-71']);
  await context.close();
}, 60_000);
