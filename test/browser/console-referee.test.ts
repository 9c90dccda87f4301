import type { Browser } from 'playwright-core';
import { AuditEventEntity } from '../../core/database/entities';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { desktopContext, markPage, pickCaller, sendLinkFromDialog, signInWithBrowser, withoutManager } from '../support/console-page';
import { linkFor } from '../support/ssp-client';
import { answerQuestions, skipSignIn } from '../support/ssp-page';
import { type Stack, startStack } from '../support/stack';

/**
 * The referee's check in the console (docs/assurance.md): after `needs_referee`, the agent who
 * sent the link is told a second person must check; a different person records the check in
 * person or on video, once, and every open panel shows it live.
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

const CONFIRMED =
  'Confirmed by admin@example.com in person. ResetGate’s approval stays closed: reset under your organisation’s in-person procedure.';
const EVIDENCE = 'Passport seen at the front desk: photo, name and date of birth matched. Badge photo matched too.';

test('the agent who sent the link is told a second person must check; an admin records it in person and both panels show it', async () => {
  // Nobody to vouch for them, no strong proof: right answers end with a referee.
  const caller = await withoutManager(stack, await pickCaller(stack, { privileged: false }));
  const desk = await desktopContext(browser);
  const page = await desk.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByText('Live', { exact: true }).waitFor();
  const id = await sendLinkFromDialog(page, caller);
  const notReloaded = await markPage(page);
  expect(await page.getByRole('region', { name: 'Referee’s check' }).count()).toBe(0);

  const phone = await phoneContext(browser, caller);
  const ssp = await phone.newPage();
  await ssp.goto(await linkFor(stack, id));
  await ssp.getByRole('button', { name: 'Start verification' }).click();
  await skipSignIn(ssp);
  await answerQuestions(ssp, stack, id, 'knows');
  await ssp.getByRole('heading', { name: 'The helpdesk will check it’s you another way' }).waitFor();
  await phone.close();

  // The agent who sent the link: no form, a plain sentence.
  await page.locator('rg-status-chip').getByText('Needs a referee').waitFor({ timeout: 20_000 });
  const agentRegion = page.getByRole('region', { name: 'Referee’s check' });
  await agentRegion.getByText('A different person must do this check.').waitFor();
  expect(await agentRegion.getByRole('button', { name: 'Record the check' }).count()).toBe(0);
  expect(await agentRegion.getByRole('radio').count()).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);

  // A different person, at another desk.
  const otherDesk = await desktopContext(browser);
  const adminPage = await otherDesk.newPage();
  await signInWithBrowser(adminPage, stack, 'admin@example.com');
  await adminPage.goto(`${stack.baseUrl}/console/verifications/${id}`);
  const region = adminPage.getByRole('region', { name: 'Referee’s check' });
  await region.getByText('Check the caller in person or on video, then record what you saw.').waitFor();

  // Pressing too early says what is missing, and records nothing.
  await region.getByRole('button', { name: 'Record the check' }).click();
  await region.getByText('Choose how you saw them.').waitFor();
  await region.getByText('Choose a verdict.').waitFor();
  await region.getByText('Say what you saw and checked.').waitFor();
  expect(await adminPage.getByRole('alertdialog').count()).toBe(0);

  await region.getByRole('radiogroup', { name: 'How did you see them?' }).getByRole('radio', { name: 'In person' }).check();
  await region.getByRole('radiogroup', { name: 'Your verdict' }).getByRole('radio', { name: 'It is them', exact: true }).check();
  await region.getByRole('textbox', { name: 'What you saw and checked' }).fill(EVIDENCE);
  await region.getByText('The document you saw, who joined the call, what matched').waitFor();
  await region.getByText('It is recorded once, under your name, and cannot be changed.').waitFor();
  expect(await region.getByText('Choose how you saw them.').count()).toBe(0);
  expect(await accessibilityViolations(adminPage)).toEqual([]);
  await screenshot(adminPage, 'console-22-referee-form');

  // A last look before it is final; going back keeps what was typed.
  await region.getByRole('button', { name: 'Record the check' }).click();
  let confirm = adminPage.getByRole('alertdialog', { name: 'Record the referee’s check?' });
  await confirm
    .getByText('You saw them in person: “It is them”. The check is recorded once, under your name, and cannot be changed.')
    .waitFor();
  await confirm.getByRole('button', { name: 'Go back' }).click();
  await confirm.waitFor({ state: 'detached' });
  expect(await region.getByRole('textbox', { name: 'What you saw and checked' }).inputValue()).toBe(EVIDENCE);
  await region.getByRole('button', { name: 'Record the check' }).click();
  confirm = adminPage.getByRole('alertdialog', { name: 'Record the referee’s check?' });
  await confirm.getByRole('button', { name: 'Record the check' }).click();

  await region.getByText(CONFIRMED).waitFor();
  const facts = await region.innerText();
  expect(facts).toMatch(/Checked by\s+admin@example\.com/);
  expect(facts).toMatch(/How\s+In person/);
  expect(facts).toMatch(/When\s+\d/);
  expect(facts).toMatch(/Verdict\s+Confirmed: it is them/);
  expect(facts).toContain(EVIDENCE);
  expect(await region.getByRole('button', { name: 'Record the check' }).count()).toBe(0);
  // A record, not a pass: the gate stays closed, and says what to do instead.
  const approval = adminPage.getByRole('region', { name: 'Reset approval' });
  await approval
    .getByText('The referee confirmed it is them. ResetGate’s approval stays closed: reset under your organisation’s in-person procedure.')
    .waitFor();
  expect(await approval.getByRole('button', { name: 'Approve reset' }).count()).toBe(0);
  expect(await accessibilityViolations(adminPage)).toEqual([]);
  await screenshot(adminPage, 'console-23-referee-recorded');

  // The agent's panel shows it live, without a reload.
  await agentRegion.getByText(CONFIRMED).waitFor({ timeout: 20_000 });
  expect(await agentRegion.innerText()).toContain(EVIDENCE);
  expect(await notReloaded()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);

  expect(await stack.db.dataSource.getRepository(AuditEventEntity).countBy({ targetId: id, action: 'verification.referee_checked' })).toBe(
    1,
  );
  await otherDesk.close();
  await desk.close();
}, 150_000);
