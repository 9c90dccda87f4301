import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot } from '../support/browser';
import { type Caller, desktopContext, pickCaller, signInWithBrowser } from '../support/console-page';
import { type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';

/**
 * Issue 11: a SIM-swapped number is refused (docs/assurance.md, the destination of record). Under
 * RESETGATE_ASSURANCE=proofs, with Twilio pointed at a local peer speaking Lookup v2, the agent sends
 * the link to the number on record; the carrier data says the SIM was just changed (or the line is
 * VoIP), so no SMS goes out and the verification fails at once, the console saying why in plain words.
 */
let twilio: FakeTwilio;
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  twilio = await startFakeTwilio();
  [stack, browser] = await Promise.all([
    startStack({
      RESETGATE_ASSURANCE: 'proofs',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await twilio?.close();
});

const proofRow = (page: Page, name: RegExp) =>
  page.getByRole('table', { name: 'Each proof and where it stands' }).getByRole('row', { name });

/** Every call the peer got for one number: its Lookup requests and any message sent to it. */
const callsFor = (number: string) =>
  twilio.calls.filter((c) => c.path === `/v2/PhoneNumbers/${number}` || (c.path.endsWith('/Messages.json') && c.form.To === number));

async function sendLinkToNumberOnRecord(page: Page, caller: Caller): Promise<string> {
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

/** What the console, the fake Twilio and the API all say once the carrier data has refused the number. */
async function expectRefused(page: Page, caller: Caller, id: string, why: RegExp): Promise<void> {
  await page.locator('rg-status-chip').getByText('Failed').waitFor({ timeout: 20_000 });

  // Evidence against, set apart and first, in plain words: the SIM changed (or a VoIP line), no link sent.
  const warning = page.getByRole('alert').filter({ hasText: 'Evidence the caller is not the user. Do not reset, whatever else is met.' });
  await warning.waitFor();
  expect(await warning.innerText()).toMatch(new RegExp(`Phone or address on record: \\+44•+\\d+ is on record, but ${why.source}`));
  await proofRow(page, new RegExp(`Evidence against Phone or address on record .* is on record, but ${why.source}`)).waitFor();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await receipt.getByText('Do not reset. Follow your escalation procedure.').waitFor();
  const facts = await receipt.innerText();
  expect(facts).toMatch(/Outcome\s+Failed/);
  expect(facts).toMatch(/Policy\s+Standard/);
  expect(facts).toMatch(new RegExp(`Reasons\\s+No link sent: .* is on record, but ${why.source}`));
  expect(await page.getByRole('region', { name: 'Reset approval' }).getByRole('button', { name: 'Approve reset' }).count()).toBe(0);

  // The peer was asked about the number, and no SMS went to whoever holds it now.
  expect(callsFor(caller.mobile).map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v2/PhoneNumbers/${caller.mobile}`]);

  // The API and the receipt say the same.
  const verification = await waitForVerification(stack, id, ['failed']);
  const destination = verification.proofs.filter((p: { kind: string }) => p.kind === 'destination_of_record');
  expect(destination).toEqual([expect.objectContaining({ status: 'against', detail: expect.stringMatching(why) })]);
  expect(verification.receipt).toMatchObject({
    outcome: 'failed',
    assurance: 'standard',
    recoveryClass: null,
    decidedBy: [],
    proofs: expect.arrayContaining([expect.objectContaining({ kind: 'destination_of_record', status: 'against' })]),
    reasons: expect.arrayContaining([expect.stringMatching(new RegExp(`^no link sent: .*${why.source}`))]),
  });
  const approval = await call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, { body: { action: 'password_reset' } });
  expect(approval.status).toBe(409);
}

test('a number whose SIM was changed in the last 48 hours: no SMS, failed at once, and the console says why', async () => {
  const caller = await pickCaller(stack, { privileged: false });
  twilio.lookups.set(caller.mobile, { swapped: true });
  const desk = await desktopContext(browser);
  const page = await desk.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByText('Live', { exact: true }).waitFor();
  const id = await sendLinkToNumberOnRecord(page, caller);

  await expectRefused(page, caller, id, /the number's SIM was changed within the last 48 hours/);
  const evidence = (await waitForVerification(stack, id, ['failed'])).receipt.proofs.find(
    (p: { kind: string }) => p.kind === 'destination_of_record',
  ).evidence;
  expect(evidence).toEqual({ lookup: 'twilio', simSwappedInPeriod: true, swapPeriod: 'PT48H', lineType: 'mobile' });
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-19-sim-swap-refused');
  await desk.close();
}, 120_000);

test('a VoIP number on record: no SMS, failed at once, and the console says it is a VoIP line', async () => {
  const caller = await pickCaller(stack, { privileged: false, offset: 1 });
  twilio.lookups.set(caller.mobile, { lineType: 'nonFixedVoip' });
  const desk = await desktopContext(browser);
  const page = await desk.newPage();
  await signInWithBrowser(page, stack, 'agent@example.com');
  await page.getByText('Live', { exact: true }).waitFor();
  const id = await sendLinkToNumberOnRecord(page, caller);

  await expectRefused(page, caller, id, /the number is a VoIP line \(nonFixedVoip\)/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await desk.close();
}, 120_000);
