import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { linkFor, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { USER_AGENTS } from '../strength/user-agents';

/**
 * A user who starts and then walks away: the countdown runs out and the workflow records timed_out.
 * The IdP step-up is off here, so Start leads straight to the questions (the policy's other side).
 */
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack({ RESETGATE_SESSION_LIFETIME_SECONDS: '5', RESETGATE_IDP_STEP_UP: 'false' }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a session left unanswered times out, in the page and in the workflow', async () => {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users WHERE manager_id IS NOT NULL AND mobile_phone IS NOT NULL AND cardinality(groups) > 2 LIMIT 1`,
  );
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'account_unlock' },
  });
  const context = await phoneContext(browser, { userAgent: USER_AGENTS['Android · Chrome'], timezoneId: 'Europe/London' });
  const page = await context.newPage();
  await page.goto(await linkFor(stack, created.body.id));
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.locator('.question-text').waitFor();
  await page.getByRole('heading', { name: 'Your time ran out' }).waitFor({ timeout: 15_000 });
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'ssp-6-timed-out');
  const verification = await waitForVerification(stack, created.body.id, ['timed_out']);
  expect(verification.outcomeReason).toMatch(/session expired/);
  await context.close();
});
