import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot } from '../support/browser';
import { desktopContext, screenshotScreen, signInWithBrowser } from '../support/console-page';
import { call, type Stack, startStack } from '../support/stack';

/**
 * An admin edits the assurance policies in Settings (docs/assurance.md, "The policies"): the mode,
 * and for each policy the proofs always needed and "at least N of" the strong ones, in plain words.
 * What cannot pass is said on the form or by the API before anything is saved; a save is a new
 * version, listed with its reason.
 */
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ RESETGATE_ASSURANCE: 'questions' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const policyGroup = (dialog: Locator, title: 'Standard policy (everyone else)' | 'Privileged policy (members of the privileged groups)') =>
  dialog.getByRole('group', { name: title, exact: true });
const alwaysNeeded = (policy: Locator, label: string) =>
  policy.getByRole('group', { name: 'Always needed' }).getByRole('checkbox', { name: label, exact: true });
const strong = (policy: Locator, label: string) =>
  policy.getByRole('group', { name: 'Of these' }).getByRole('checkbox', { name: label, exact: true });

async function settingRow(page: Page, label: string): Promise<string> {
  return page.getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).innerText();
}

test('an admin switches to proofs and narrows both policies; refusals are said before saving; the new version is in force and listed', async () => {
  const context = await desktopContext(browser);
  const page = await context.newPage();
  await signInWithBrowser(page, stack, 'admin@example.com');
  await page.goto(`${stack.baseUrl}/console/settings`);
  await page.getByText('None saved yet').waitFor();

  // The first values: the mode from RESETGATE_ASSURANCE (questions here) and the built-in policies, in words.
  expect(await settingRow(page, 'What decides a verification')).toMatch(/Questions \(the earlier rule\)\s+RESETGATE_ASSURANCE/);
  expect(await settingRow(page, 'Standard policy (everyone else)')).toContain(
    'Passes with the phone or address on record, and one of: recovery passkey, phishing-resistant sign-in, a person who vouches, an identity document.',
  );
  expect(await settingRow(page, 'Privileged policy (members of the privileged groups)')).toContain(
    'Passes with the phone or address on record, and two of:',
  );

  await page.getByRole('button', { name: 'Edit policies and limits' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit policies and limits' });
  await dialog.getByRole('combobox', { name: 'What decides a verification' }).click();
  await page.getByRole('option', { name: 'Proofs' }).click();
  await dialog
    .getByText('The policies below decide; the questions and the risk score can fail a verification but never pass it.')
    .waitFor();

  // Standard: no identity document yet (no provider is configured).
  const standard = policyGroup(dialog, 'Standard policy (everyone else)');
  await strong(standard, 'An identity document and selfie').uncheck();
  await standard
    .getByText(
      'Passes with the phone or address on record, and one of: recovery passkey, phishing-resistant sign-in, a person who vouches.',
    )
    .waitFor();

  // Privileged: the recovery passkey always, and two more. Ticked twice first: said on the form, nothing sent.
  const privileged = policyGroup(dialog, 'Privileged policy (members of the privileged groups)');
  await alwaysNeeded(privileged, 'The user’s recovery passkey').check();
  await dialog
    .getByRole('alert')
    .filter({ hasText: 'Privileged policy: recovery passkey is ticked both as always needed and as a strong proof. Untick one.' })
    .waitFor();
  await dialog.getByLabel('Reason for the change').fill('CHG-311: proofs decide; privileged accounts always need their passkey');
  await dialog.getByRole('button', { name: 'Save new version' }).click();
  expect((await call(stack, 'GET', '/api/v1/settings/policy/versions')).body.items).toEqual([]);
  await strong(privileged, 'The user’s recovery passkey').uncheck();
  await privileged.getByText('Passes with the phone or address on record and recovery passkey, and two of: ').waitFor();
  expect(await dialog.getByRole('alert').count()).toBe(0);

  // What only the API can judge comes back as its problem, in the dialog: the standard policy without the destination.
  await alwaysNeeded(standard, 'The link reached the phone or address on record').uncheck();
  await dialog.getByRole('button', { name: 'Save new version' }).click();
  await dialog
    .getByRole('alert')
    .filter({ hasText: /The standard policy would pass with only .* which is no recovery under NIST SP 800-63B-4 §4\.2/ })
    .waitFor();
  expect((await call(stack, 'GET', '/api/v1/settings/policy/versions')).body.items).toEqual([]);
  await alwaysNeeded(standard, 'The link reached the phone or address on record').check();
  await privileged.getByRole('combobox', { name: 'At least how many' }).click();
  await page.getByRole('option', { name: '2', exact: true }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshotScreen(page, 'console-20-assurance-policy-dialog');

  await dialog.getByRole('button', { name: 'Save new version' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved as version console-1' }).waitFor();
  await dialog.waitFor({ state: 'detached' });

  // The page shows the new version in force, in words, and lists it with its reason.
  expect(await settingRow(page, 'What decides a verification')).toMatch(/^What decides a verification\s+Proofs\s/);
  expect(await settingRow(page, 'Standard policy (everyone else)')).toContain(
    'Passes with the phone or address on record, and one of: recovery passkey, phishing-resistant sign-in, a person who vouches.',
  );
  expect(await settingRow(page, 'Privileged policy (members of the privileged groups)')).toContain(
    'Passes with the phone or address on record and recovery passkey, and two of: phishing-resistant sign-in, a person who vouches, an identity document.',
  );
  expect(
    await page
      .getByRole('region', { name: 'Policy versions' })
      .getByRole('row', { name: /console-1/ })
      .innerText(),
  ).toMatch(/admin@example\.com\s+CHG-311: .*\s+Proofs; standard: 1 of 3 strong, privileged: 2 of 3 strong/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-20-assurance-policy');
  await context.close();

  // The API says the same, and the change is audited setting by setting.
  const settings = (await call(stack, 'GET', '/api/v1/settings')).body;
  expect(settings.assurance).toEqual({
    mode: 'proofs',
    standard: {
      name: 'standard',
      required: ['destination_of_record'],
      strong: { count: 1, from: ['recovery_passkey', 'idp_phishing_resistant', 'vouch'] },
    },
    privileged: {
      name: 'privileged',
      required: ['destination_of_record', 'recovery_passkey'],
      strong: { count: 2, from: ['idp_phishing_resistant', 'vouch', 'identity_document'] },
    },
  });
  const [event] = await stack.db.dataSource.query(`SELECT details FROM audit_events WHERE action = 'policy.changed'`);
  expect(event.details.changes.map((c: { setting: string }) => c.setting)).toEqual([
    'assurance.mode',
    'assurance.standard.strong.from',
    'assurance.privileged.required',
    'assurance.privileged.strong.from',
  ]);
}, 120_000);
