import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, SCREENSHOTS, screenshot } from '../support/browser';
import { desktopContext, pickCaller, screenshotScreen, signInWithBrowser } from '../support/console-page';
import { signInToConsole } from '../support/console-session';
import { answerAll, linkFor, startSession, tokenOf } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/**
 * The auditor's read-only console and the admin's pages, in a real Chromium; here agents are not
 * shown the risk number, and the directory syncs from the file it was seeded from (so a sync
 * changes nobody the other tests use).
 */
const DIRECTORY_FILE = join(__dirname, '..', '..', 'core', 'directory', 'dev-directory.json');
let stack: Stack;
let browser: Browser;
let passed: { id: string; user: { name: string } };
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack({ RESETGATE_AGENTS_SEE_RISK_SCORE: 'false', RESETGATE_DIRECTORY_FILE: DIRECTORY_FILE }),
    launchBrowser(),
  ]);
  // One verification that passed and waits for approval: the button an agent would see.
  const caller = await pickCaller(stack, { privileged: false });
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'account_recovery', ticketRef: 'INC-900' },
  });
  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  await answerAll(stack, cookie, created.body.id, rightAnswer);
  expect((await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} })).body.outcome).toBe('passed');
  passed = created.body;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('an auditor reads the list, the panel and its replayed timeline, and the audit log, but has no controls', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'auditor@example.com');
  const nav = await page.getByRole('navigation', { name: 'Console pages' }).innerText();
  expect(nav).toMatch(/Verifications[\s\S]*Dashboard[\s\S]*Audit log/);
  expect(nav).not.toContain('Settings');
  expect(await page.getByRole('button', { name: 'Send verification link' }).count()).toBe(0);

  await page.getByRole('link', { name: passed.user.name }).click();
  await page.getByRole('heading', { name: passed.user.name }).waitFor();
  await page.getByText('Your role can read approvals but not give them.').waitFor();
  await page.getByText(/^\d+ of 10$/).waitFor(); // auditors always see the number
  for (const control of ['Approve reset', 'Resend link', 'Cancel verification']) {
    expect(await page.getByRole('button', { name: control }).count()).toBe(0);
  }
  await page.getByRole('button', { name: 'Replay history' }).click();
  await page.getByText('The history replays on the current workflow code').waitFor({ timeout: 30_000 });
  const timeline = await page.locator('ol.timeline').innerText();
  expect(timeline).toMatch(/started[\s\S]*link sent[\s\S]*answer graded[\s\S]*risk assessed[\s\S]*outcome/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-8-auditor-panel-timeline');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.getByRole('cell', { name: 'verification.created' }).first().waitFor();
  expect(await page.getByRole('cell', { name: 'auth.sign_in' }).count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await page.getByText(/The chain is intact: \d+ records checked/).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-9-audit-log');

  // Settings are for admins: the page is not there for an auditor.
  await page.goto(`${stack.baseUrl}/console/settings`);
  await page.getByRole('heading', { name: 'This page is not available' }).waitFor();
  await context.close();

  // And the API agrees, whatever a page shows: the auditor's own session cannot act.
  const auditor = await signInToConsole(stack, 'auditor@example.com');
  const asAuditor = { key: null, cookie: auditor.cookie, headers: { 'x-csrf-token': auditor.csrfToken } };
  const approve = await call(stack, 'POST', `/api/v1/verifications/${passed.id}/reset-approval`, {
    ...asAuditor,
    body: { action: 'password_reset' },
  });
  expect(approve.status).toBe(403);
  expect(approve.body.type).toBe('https://resetgate.dev/problems/forbidden');
  expect((await call(stack, 'POST', `/api/v1/verifications/${passed.id}/cancel`, asAuditor)).status).toBe(403);
  expect((await call(stack, 'GET', `/api/v1/verifications/${passed.id}`)).body.status).toBe('passed');
}, 120_000);

test('when the policy hides the risk number from agents, an agent sees the outcome and every factor, not the number', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.goto(`${stack.baseUrl}/console/verifications/${passed.id}`);
  const risk = page.getByRole('region', { name: 'Outcome and risk' });
  await risk.getByText('Hidden for your role').waitFor();
  expect(await risk.innerText()).toMatch(/Outcome\s+Passed/);
  expect(await risk.getByText(/of 10/).count()).toBe(0);
  for (const category of ['Network', 'Device', 'Persona', 'Challenge']) await risk.getByRole('heading', { name: category }).waitFor();
  expect(await page.getByRole('button', { name: 'Approve reset' }).isEnabled()).toBe(true);
  await context.close();
});

test('Export CSV downloads the verifications and the audit log with the console session', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'auditor@example.com');
  await page.getByRole('link', { name: passed.user.name }).waitFor();
  const [verifications] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(await readDownload(verifications)).toContain(passed.id);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('cell', { name: 'verification.created' }).first().waitFor();
  const [audit] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(await readDownload(audit)).toContain('verification.created');
  await context.close();
});

test('an admin sees the dashboard and the settings, and creates an API key shown once, then revokes it', async () => {
  const context = await desktopContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseUrl });
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'admin@example.com');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByRole('img', { name: /Outcomes per day/ }).waitFor();
  expect(await page.getByRole('img', { name: /Risk score distribution/ }).getAttribute('aria-labelledby')).toBeTruthy();
  const cards = await page.getByRole('list', { name: 'Totals for the period' }).innerText();
  expect(cards).toMatch(/Verifications\s+1\s/);
  expect(cards).toMatch(/Passed\s+100%/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-10-dashboard');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByRole('cell', { name: 'RESETGATE_PRIVILEGED_GROUPS' }).waitFor();
  expect(await page.getByRole('row', { name: /Highest risk that can pass/ }).innerText()).toContain('5 of 10');
  await page.getByRole('cell', { name: 'bootstrap', exact: true }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-11-settings');

  await page.getByLabel('Name').fill('ServiceNow');
  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'API key “ServiceNow” created' });
  const key = await dialog.getByLabel(/^Key/).inputValue();
  expect(key).toMatch(/^rg_[\w-]{32}$/);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await dialog.getByRole('button', { name: 'Copied' }).waitFor();
  expect(
    await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    ),
  ).toBe(key);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshotScreen(page, 'console-12-api-key-created');
  await dialog.getByRole('button', { name: 'I have stored the key' }).click();
  expect(await page.getByText('A name up to 100 characters').count()).toBe(0); // the emptied form is not shown as an error
  expect((await call(stack, 'GET', '/api/v1/directory/users?q=a', { key })).status).toBe(200);

  // Never shown again: the list has only its prefix.
  const row = page.getByRole('row', { name: /ServiceNow/ });
  expect(await row.innerText()).not.toContain(key);
  await row.getByRole('button', { name: 'Revoke ServiceNow' }).click();
  await page.getByRole('alertdialog', { name: 'Revoke the key “ServiceNow”?' }).getByRole('button', { name: 'Revoke key' }).click();
  await row.getByText('Revoked').waitFor();
  expect((await call(stack, 'GET', '/api/v1/directory/users?q=a', { key })).status).toBe(401);
  await context.close();
}, 120_000);

/** The downloaded file's text; a failed download says what the server answered instead. */
async function readDownload(download: import('playwright-core').Download): Promise<string> {
  const failure = await download.failure();
  if (failure) {
    const page = download.page();
    const answer = await page.evaluate((url) => fetch(url).then(async (r) => `${r.status} ${await r.text()}`), download.url());
    throw new Error(`downloading ${download.url()} failed (${failure}): the server answers ${answer.slice(0, 300)}`);
  }
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('an admin saves a new policy version from Settings; it applies at once and is listed with its reason', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'admin@example.com');
  await page.goto(`${stack.baseUrl}/console/settings`);
  await page.getByText('None saved yet').waitFor();
  await page.getByRole('button', { name: 'Edit policies and limits' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit policies and limits' });
  await dialog.getByLabel('Approval window (minutes)').fill('45');

  // What cannot be saved is said on the form, before anything is sent.
  await dialog.getByRole('combobox', { name: 'Questions asked' }).click();
  await page.getByRole('option', { name: '3' }).click();
  await dialog.getByRole('combobox', { name: 'Minimum answered' }).click();
  await page.getByRole('option', { name: '4' }).click();
  await dialog.getByRole('button', { name: 'Save new version' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'nobody could pass' }).waitFor();
  await dialog.getByText('Say why, for the auditors').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshotScreen(page, 'console-13-policy-dialog');
  expect((await call(stack, 'GET', '/api/v1/settings/policy/versions')).body.items).toEqual([]);

  await dialog.getByRole('combobox', { name: 'Minimum answered' }).click();
  await page.getByRole('option', { name: '3' }).click();
  await dialog.getByLabel('Agents see the risk score').check();
  await dialog.getByLabel('Reason for the change').fill('CHG-77: longer approval window; agents may see the score');
  await dialog.getByRole('button', { name: 'Save new version' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved as version console-1' }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  expect(await page.getByRole('row', { name: /Approval window/ }).innerText()).toContain('45 min');
  expect(
    await page
      .getByRole('region', { name: 'Policy versions' })
      .getByRole('row', { name: /console-1/ })
      .innerText(),
  ).toMatch(/admin@example\.com\s+CHG-77/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-14-settings-saved');
  await context.close();

  // The saved version is in force: agents now see the number, and new verifications carry it.
  const agent = await desktopContext(browser);
  const agentPage = await agent.newPage();
  await signInWithBrowser(agentPage, stack, 'agent@example.com');
  await agentPage.goto(`${stack.baseUrl}/console/verifications/${passed.id}`);
  await agentPage.getByRole('region', { name: 'Outcome and risk' }).getByText(/of 10/).first().waitFor();
  await agent.close();
  const settings = (await call(stack, 'GET', '/api/v1/settings')).body;
  expect(settings.policy).toMatchObject({ version: 'console-1', approvalWindowSeconds: 2700, questionsAsked: 3, minAnswered: 3 });
}, 120_000);

test('an admin syncs the directory from Settings and watches its report arrive', async () => {
  const people = (JSON.parse(readFileSync(DIRECTORY_FILE, 'utf8')) as { users: unknown[] }).users.length;
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'admin@example.com');
  await page.goto(`${stack.baseUrl}/console/settings`);
  const directory = page.getByRole('region', { name: 'Directory' });
  await directory.getByText(/Synced from the file .*dev-directory\.json every 1 h/).waitFor();
  await directory.getByRole('button', { name: 'Sync now' }).click();

  // Sync now is off from the press until this sync has reported (an earlier one may be the newest row until then).
  await directory.locator('button[disabled]', { hasText: 'Sync now' }).waitFor();
  await directory.locator('button:not([disabled])', { hasText: 'Sync now' }).waitFor({ timeout: 30_000 });
  const newest = directory.getByRole('table', { name: 'Latest directory syncs' }).getByRole('row').nth(1);
  expect(await newest.innerText()).toMatch(new RegExp(`Succeeded\\s+\\S.*\\s+${people}\\s+0\\s+\\d+\\s+0\\s+0\\s+none`));
  expect(await accessibilityViolations(page)).toEqual([]);
  await directory.screenshot({ path: join(SCREENSHOTS, 'console-15-directory-sync.png') });
  const [requested] = await stack.db.dataSource.query(`SELECT actor FROM audit_events WHERE action = 'directory.sync_requested'`);
  expect(requested.actor).toBe('user:admin@example.com');
  await context.close();
}, 60_000);
