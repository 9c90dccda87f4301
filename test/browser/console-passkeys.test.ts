import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { RecoveryPasskeyEntity } from '../../core/database/entities';
import { accessibilityViolations, launchBrowser, screenshot } from '../support/browser';
import { type Caller, desktopContext, pickCaller, screenshotScreen, signInWithBrowser } from '../support/console-page';
import { call, type Stack, startStack } from '../support/stack';

/**
 * A user's recovery passkeys in the verification panel (docs/console-and-ssp.md): everyone who
 * reads the verification sees them; an admin removes one after a confirmation that says the user
 * is not told, and the list says so at once.
 */
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const passkeys = () => stack.db.dataSource.getRepository(RecoveryPasskeyEntity);

/** A verification for the caller, sent through the API: the one their passkey was added after. */
async function verificationFor(caller: Caller): Promise<string> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: caller.email, channel: 'sms', destination: caller.mobile, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** A passkey as the SSP would have stored it after that verification's pass. */
async function passkeyFor(caller: Caller, verificationId: string): Promise<{ id: string; prefix: string }> {
  const credentialId = randomBytes(32).toString('base64url');
  const { identifiers } = await passkeys().insert({
    userId: caller.id,
    credentialId,
    publicKey: randomBytes(77),
    counter: 3,
    transports: ['internal', 'hybrid'],
    enrolledAfterVerificationId: verificationId,
    lastUsedAt: new Date(Date.now() - 3_600_000),
  });
  return { id: String(identifiers[0].id), prefix: credentialId.slice(0, 8) };
}

test('an admin sees the user’s passkey in the panel, removes it after the confirmation, and the list says none', async () => {
  const caller = await pickCaller(stack, { privileged: false });
  const id = await verificationFor(caller);
  const passkey = await passkeyFor(caller, id);

  const desk = await desktopContext(browser);
  const page = await desk.newPage();
  await signInWithBrowser(page, stack, 'admin@example.com');
  await page.goto(`${stack.baseUrl}/console/verifications/${id}`);
  const section = page.getByRole('region', { name: 'Recovery passkeys' });
  const row = section.getByRole('listitem').filter({ hasText: `Passkey ${passkey.prefix}…` });
  await row.waitFor();
  const facts = await row.innerText();
  expect(facts).toMatch(/Added\s+\d/);
  expect(facts).toMatch(/After\s+this verification/);
  expect(facts).toMatch(/Last used\s+\d/);
  expect(facts).toMatch(/Works with\s+Built into the device, a phone nearby/);
  expect(await row.getByRole('link', { name: 'this verification' }).getAttribute('href')).toBe(`/console/verifications/${id}`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'console-24-passkeys');

  // Remove, then think better of it: nothing happens.
  const remove = row.getByRole('button', { name: `Remove Passkey ${passkey.prefix}…` });
  await remove.click();
  const dialog = page.getByRole('alertdialog', { name: `Remove passkey ${passkey.prefix}…?` });
  await dialog.getByText(`${caller.name} will no longer be able to use it as a proof in a verification. They are not told.`).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshotScreen(page, 'console-24-passkeys-confirm');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await passkeys().existsBy({ id: passkey.id })).toBe(true);

  // Remove, and confirm: the list reads again and says none.
  await remove.click();
  await dialog.getByRole('button', { name: 'Remove passkey' }).click();
  await section.getByText('None enrolled').waitFor();
  expect(await section.getByRole('listitem').count()).toBe(0);
  expect(await section.getByRole('alert').count()).toBe(0);
  expect(await passkeys().existsBy({ id: passkey.id })).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
  await desk.close();
}, 120_000);

test('an agent and an auditor see the passkeys without a Remove button', async () => {
  const caller = await pickCaller(stack, { privileged: false, offset: 1 });
  const id = await verificationFor(caller);
  const passkey = await passkeyFor(caller, id);

  for (const email of ['agent@example.com', 'auditor@example.com']) {
    const desk = await desktopContext(browser);
    const page = await desk.newPage();
    await signInWithBrowser(page, stack, email);
    await page.goto(`${stack.baseUrl}/console/verifications/${id}`);
    const section = page.getByRole('region', { name: 'Recovery passkeys' });
    await section.getByText(`Passkey ${passkey.prefix}…`).waitFor();
    await section.getByText('Only an admin can remove a passkey.').waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await desk.close();
  }
  expect(await passkeys().existsBy({ id: passkey.id })).toBe(true);
}, 120_000);
