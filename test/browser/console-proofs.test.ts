import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { desktopContext, markPage, pickCaller, sendLinkFromDialog, signInWithBrowser, withoutManager } from '../support/console-page';
import { linkFor } from '../support/ssp-client';
import { answerQuestions, skipSignIn } from '../support/ssp-page';
import { type Stack, startStack, TEST_IDP_PASSWORD } from '../support/stack';

/**
 * RESETGATE_ASSURANCE=proofs in the agent's console (docs/assurance.md): the panel lists the proofs
 * the policy asks for and each one's state as it changes, then the receipt. In development no strong
 * proof is set up, so a caller who knows every answer ends with a referee.
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

/** The panel's row for one proof: its status word, name and what it showed. */
const proofRow = (page: Page, name: RegExp) =>
  page.getByRole('table', { name: 'Each proof and where it stands' }).getByRole('row', { name });

test('the agent sees the proofs the policy needs and each one live, then the needs_referee receipt with what to do', async () => {
  // Nobody to vouch for them either: with no strong proof to give, a referee decides.
  const caller = await withoutManager(stack, await pickCaller(stack, { privileged: false }));
  const desk = await desktopContext(browser);
  const page = await desk.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByText('Live', { exact: true }).waitFor();
  const id = await sendLinkFromDialog(page, caller);
  const notReloaded = await markPage(page);

  // Before the caller opens the link: the policy in words, the destination awaited, what the user cannot give.
  await page.getByText('Standard policy.').waitFor();
  await page
    .getByText(
      'Passes with the phone or address on record, and one of: recovery passkey, phishing-resistant sign-in, a person who vouches, an identity document.',
    )
    .waitFor();
  await proofRow(page, /Waiting Phone or address on record/).waitFor();
  await proofRow(page, /Not available Recovery passkey No recovery passkey is enrolled\./).waitFor();
  await proofRow(page, /Not available A person who vouches/).waitFor();
  await proofRow(page, /Not available Identity document/).waitFor();
  await proofRow(page, /Waiting Phishing-resistant sign-in/).waitFor();

  // The caller opens the link on their phone and presses Start: the destination of record is met, live.
  const phone = await phoneContext(browser, caller);
  const ssp = await phone.newPage();
  await ssp.goto(await linkFor(stack, id));
  await ssp.getByRole('button', { name: 'Start verification' }).click();
  await skipSignIn(ssp);
  await proofRow(page, /Met Phone or address on record The link sent to the destination on record was opened/).waitFor({
    timeout: 20_000,
  });
  await page.getByText('Still needed: one more of: phishing-resistant sign-in.').waitFor();
  expect(await notReloaded()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-16-panel-proofs-live');

  // The caller answers every question right: the signals pass, no strong proof can: a referee.
  await answerQuestions(ssp, stack, id, 'knows');
  await ssp.getByRole('heading', { name: 'The helpdesk will check it’s you another way' }).waitFor();
  await phone.close();

  await page.locator('rg-status-chip').getByText('Needs a referee').waitFor({ timeout: 20_000 });
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await receipt.getByText('Do not reset. Arrange a check in person or on video by a named second person.').waitFor();
  const facts = await receipt.innerText();
  expect(facts).toMatch(/Outcome\s+Needs a referee/);
  expect(facts).toMatch(/Policy\s+Standard/);
  expect(facts).toMatch(/Recovery class\s+None: only a pass has one\./);
  expect(facts).toMatch(/Decided by\s+No proof: only a pass is decided by proofs\./);
  expect(facts).toMatch(/Signals\s+Challenge score 1 \(\d+ answered\), risk \d+ of 10\./);
  expect(facts).toMatch(/Reasons\s+The user has no way to give .* in person or on video\./);
  // The session is over: the IdP sign-in was not given, and nothing is awaited any more.
  await proofRow(page, /Not available Phishing-resistant sign-in The user did not sign in at the organisation’s IdP\./).waitFor();
  expect(await proofRow(page, /Met Phone or address on record/).count()).toBe(1);
  expect(await page.getByText(/^Still needed/).count()).toBe(0);
  // The gate says the same, and offers no approval.
  const approval = page.getByRole('region', { name: 'Reset approval' });
  await approval.getByText('Do not reset. Arrange a check in person or on video by a named second person.').waitFor();
  expect(await approval.getByRole('button', { name: 'Approve reset' }).count()).toBe(0);
  expect(await notReloaded()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-17-panel-needs-referee');
  await desk.close();
}, 120_000);

test('evidence against the caller stands out as it arrives, and the failure says not to reset', async () => {
  const caller = await withoutManager(stack, await pickCaller(stack, { privileged: false, offset: 1 }));
  const colleague = await pickCaller(stack, { privileged: false, offset: 2 });
  const desk = await desktopContext(browser);
  const page = await desk.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByText('Live', { exact: true }).waitFor();
  const id = await sendLinkFromDialog(page, caller);
  await proofRow(page, /Waiting Phishing-resistant sign-in/).waitFor();

  // On the phone, the work sign-in is done with a colleague's account: evidence the caller is not the user.
  const phone = await phoneContext(browser, caller);
  const ssp = await phone.newPage();
  await ssp.goto(await linkFor(stack, id));
  await ssp.getByRole('button', { name: 'Start verification' }).click();
  await ssp.getByRole('button', { name: 'Sign in with my work account' }).click();
  await ssp.locator('#password').waitFor();
  await ssp.locator('#email').fill(colleague.email);
  await ssp.locator('#password').fill(TEST_IDP_PASSWORD);
  await ssp.getByRole('button', { name: 'Sign in' }).click();
  await ssp.getByText('That account isn’t the one being verified. Continue with the questions.').waitFor();

  const warning = page.getByRole('alert').filter({ hasText: 'Evidence the caller is not the user. Do not reset, whatever else is met.' });
  await warning.waitFor({ timeout: 20_000 });
  expect(await warning.innerText()).toMatch(/Phishing-resistant sign-in: Someone other than the user signed in at /);
  await proofRow(page, /Evidence against Phishing-resistant sign-in Someone other than the user signed in at /).waitFor();
  expect(await page.getByText(/^Still needed/).count()).toBe(0); // nothing else can make up for it
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-18-panel-evidence-against');

  await answerQuestions(ssp, stack, id, 'knows');
  await ssp.getByRole('heading', { name: 'We couldn’t verify you online' }).waitFor();
  await phone.close();
  await page.locator('rg-status-chip').getByText('Failed').waitFor({ timeout: 20_000 });
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await receipt.getByText('Do not reset. Follow your escalation procedure.').waitFor();
  expect(await receipt.innerText()).toMatch(/Reasons\s+The sign-in at the organisation’s IdP: someone other than the user signed in/);
  await warning.waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await desk.close();
}, 120_000);
