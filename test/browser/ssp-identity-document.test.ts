import { getCountry } from 'countries-and-timezones';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DirectorySigninEntity, DirectoryUserEntity } from '../../core/database/entities';
import { accessibilityViolations, launchBrowser, phoneContext, screenshot } from '../support/browser';
import { standardUsers } from '../support/passkey-client';
import { linkFor, waitForVerification } from '../support/ssp-client';
import { answerQuestions } from '../support/ssp-page';
import { call, type Stack, startStack } from '../support/stack';
import { USER_AGENTS } from '../strength/user-agents';

/**
 * The identity document end to end in Chromium on a phone-sized screen, under
 * RESETGATE_ASSURANCE=proofs, through the development identity-verification provider (/dev/idv):
 * the user scans a document in their own name and passes; another user's document shows someone
 * else's name, and the proof is failed. Each outcome is read back through the API.
 */
let stack: Stack;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ RESETGATE_ASSURANCE: 'proofs' }), launchBrowser()]);
  // The provider lives in the API at its own URL, known only now: restart both processes pointed at it.
  await stack.restartApi({ IDV_ISSUER: `${stack.baseUrl}/dev/idv`, IDV_CLIENT_ID: 'resetgate-ssp', IDV_CLIENT_SECRET: 'test-idv-secret' });
  await stack.killWorker('SIGTERM');
  await stack.startWorker();
  // Two starts and two clean stops (each drains before it exits): more than the default on a loaded machine.
}, 180_000);
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Users the questions can be asked of (sign-ins and meetings), each once. */
async function people(count: number) {
  const found = [];
  for (const user of await standardUsers(stack, 40)) {
    const signin = await stack.db.dataSource.getRepository(DirectorySigninEntity).findOneBy({ userId: user.id });
    const [meeting] = await stack.db.dataSource.query(`SELECT 1 FROM directory_meetings WHERE $1 = ANY(attendee_ids) LIMIT 1`, [user.id]);
    const record = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: user.id });
    if (signin?.device && meeting) {
      found.push({
        ...user,
        givenName: record.givenName,
        familyName: record.familyName,
        userAgent: USER_AGENTS[signin.device],
        timezoneId: getCountry(record.officeCountry!)!.timezones[0],
      });
    }
    if (found.length === count) return found;
  }
  throw new Error('not enough users with sign-ins and meetings');
}

async function open(user: Awaited<ReturnType<typeof people>>[number]): Promise<string> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  context = await phoneContext(browser, user);
  page = await context.newPage();
  await page.goto(await linkFor(stack, created.body.id));
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByRole('button', { name: 'I can’t sign in — go to the questions' }).click();
  await page.getByRole('heading', { name: 'Verify with an identity document' }).waitFor();
  return created.body.id;
}

async function expectAccessible(name: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/** On to the questions; past the manager's vouch screen when the page offers one. */
async function toQuestions(): Promise<void> {
  const vouch = page.getByRole('button', { name: 'I can’t reach them — continue' });
  await page.locator('.question-text').or(vouch).first().waitFor();
  if (await vouch.isVisible()) await vouch.click();
  await page.locator('.question-text').waitFor();
}

test('a document and selfie in the user’s own name: the proof is met and the user passes', async () => {
  const [user] = await people(1);
  const id = await open(user);
  await expectAccessible('ssp-13-identity-document-offer');

  await page.getByRole('button', { name: 'Verify with an identity document' }).click();
  await page.getByRole('heading', { name: 'Scan your identity document' }).waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/dev\/idv\/interaction\//);
  // The development provider prefills the directory's name, as the document in the user's hand would show it.
  await expect(page.getByLabel('Given names on the document').inputValue()).resolves.toBe(user.givenName);
  await expect(page.getByLabel('Family name on the document').inputValue()).resolves.toBe(user.familyName);
  await expectAccessible('ssp-13-identity-document-scan');
  await page.getByRole('button', { name: 'Scan document and selfie' }).click();

  await page.getByText('Your identity document is confirmed. Now a few questions.').waitFor();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/ssp/');
  await page.locator('.question-text').waitFor();
  await expectAccessible('ssp-13-identity-document-confirmed');

  const during = (await call(stack, 'GET', `/api/v1/verifications/${id}`)).body;
  expect(during.proofs).toContainEqual(
    expect.objectContaining({
      kind: 'identity_document',
      status: 'met',
      evidence: expect.objectContaining({ selfie: true, nameMatch: 'exact' }),
    }),
  );

  await answerQuestions(page, stack, id, 'knows');
  await page.getByRole('heading', { name: 'You’re verified' }).waitFor();
  const verification = await waitForVerification(stack, id, ['passed']);
  expect(verification.receipt).toMatchObject({
    outcome: 'passed',
    assurance: 'standard',
    recoveryClass: 'repeated_identity_proofing',
    decidedBy: ['destination_of_record', 'identity_document'],
  });
});

test('a document in someone else’s name: the proof is failed, the agent reads why, and the verification fails', async () => {
  const [, user] = await people(2);
  const id = await open(user);

  await page.getByRole('button', { name: 'Verify with an identity document' }).click();
  await page.getByRole('heading', { name: 'Scan your identity document' }).waitFor();
  await page.getByLabel('Given names on the document').fill('Jordan');
  await page.getByLabel('Family name on the document').fill('Doe');
  await page.getByRole('button', { name: 'Scan document and selfie' }).click();

  await toQuestions().catch(async (err: unknown) => {
    await screenshot(page, 'ssp-13-identity-document-mismatch-unexpected');
    throw err;
  });
  await page.getByText('Your identity document couldn’t confirm it’s you.').waitFor();
  await expectAccessible('ssp-13-identity-document-mismatch');

  const during = (await call(stack, 'GET', `/api/v1/verifications/${id}`)).body;
  expect(during.proofs).toContainEqual(
    expect.objectContaining({
      kind: 'identity_document',
      status: 'failed',
      detail: `the document’s name, J. Doe, does not match the directory record, ${user.givenName} ${user.familyName}`,
    }),
  );

  await answerQuestions(page, stack, id, 'knows');
  const verification = await waitForVerification(stack, id, ['failed']);
  expect(verification.receipt).toMatchObject({ outcome: 'failed', assurance: 'standard' });
  expect(verification.proofs).toContainEqual(expect.objectContaining({ kind: 'identity_document', status: 'failed' }));
});
