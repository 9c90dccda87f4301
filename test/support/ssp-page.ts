import type { Page } from 'playwright-core';
import { ChallengeQuestionEntity } from '../../core/database/entities';
import type { Stack } from './stack';
import { managerAnswers } from './vouch-client';

/** The radio or checkbox inside the option whose visible text is exactly `label`. */
function option(page: Page, label: string) {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator('label.option').filter({ hasText: exact }).locator('input');
}

export type Knowledge = 'knows' | 'guesses wrong';

/**
 * Answers every question on screen as a person would: clicks options by their label or types a
 * name. The test reads the key from the database to know what the person knows.
 */
export async function answerQuestions(page: Page, stack: Stack, verificationId: string, knowledge: Knowledge): Promise<number> {
  const rows = await stack.db.dataSource.getRepository(ChallengeQuestionEntity).findBy({ verificationId });
  let answered = 0;
  for (;;) {
    const heading = page.locator('.question-text');
    if (!(await heading.isVisible().catch(() => false))) break;
    const shown = await heading.innerText();
    const q = rows.find((r) => shown.includes(r.text));
    if (!q) throw new Error(`no question matches "${shown}"`);
    const key = q.answerKey;
    const label = (id: string) => q.options.find((o) => o.id === id)!.label;
    if (key.type === 'text') {
      await page.getByRole('textbox').fill(knowledge === 'knows' ? key.accepted[0] : 'Nobody Special');
    } else if (key.type === 'single') {
      const id = knowledge === 'knows' ? key.optionId : q.options.find((o) => o.id !== key.optionId)!.id;
      await option(page, label(id)).check();
    } else {
      const ids = knowledge === 'knows' ? key.optionIds : q.options.filter((o) => !key.optionIds.includes(o.id)).map((o) => o.id);
      for (const id of ids) await option(page, label(id)).check();
    }
    await page.waitForTimeout(600); // people read before they answer; instant answers add risk
    await page.getByRole('button', { name: /^(Continue|Finish)$/ }).click();
    answered++;
    // The next question (or the result) replaces this one once the answer is accepted.
    await page.waitForFunction(
      (previous) =>
        (globalThis as unknown as { document: { querySelector(s: string): { innerText: string } | null } }).document.querySelector(
          '.question-text',
        )?.innerText !== previous,
      shown,
    );
  }
  return answered;
}

/** The optional "sign in at your organisation" screen after Start: go straight to the questions. */
export async function skipSignIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'I can’t sign in — go to the questions' }).click();
  await page.locator('.question-text').waitFor();
}

/** The vouch step: the caller asks their manager, who answers over HTTP (test/e2e/vouch.test.ts), and the page goes on. */
export async function vouchedByManager(page: Page, stack: Stack, verificationId: string): Promise<void> {
  await page.getByRole('button', { name: 'Ask my manager' }).click();
  await page.getByRole('heading', { name: /^We asked / }).waitFor();
  await managerAnswers(stack, verificationId);
  await page.getByRole('heading', { name: /vouched for you$/ }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('.question-text').waitFor();
}
