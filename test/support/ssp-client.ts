import { randomBytes } from 'node:crypto';
import { ChallengeQuestionEntity } from '../../core/database/entities';
import type { UserAnswer } from '../../workflows/verification/question';
import { call, type Stack } from './stack';

/** Reads the newest link for a verification from the dev outbox, as a tester would. */
export async function linkFor(stack: Stack, verificationId: string): Promise<string> {
  // Generous: on a loaded CI machine the worker can take a while to pick up the delivery.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const outbox = await call(stack, 'GET', `/api/v1/dev/outbox?verificationId=${verificationId}`);
    const message = outbox.body.items.find((m: { link: string | null }) => m.link);
    if (message) return message.link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no link in the dev outbox for ${verificationId}`);
}

export const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '');

/** Presses Start as the SSP does: with an attempt key, so `call`'s retries after a 503 resume rather than meet a spent link. */
export async function startSession(stack: Stack, token: string) {
  const res = await call(stack, 'POST', '/api/v1/ssp/sessions', {
    key: null,
    body: { token, signals: { timezone: 'Europe/London', languages: ['en-GB'], webdriver: false, pasteCount: 0 } },
    headers: {
      'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1',
      'idempotency-key': randomBytes(18).toString('base64url'),
    },
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { res, cookie };
}

/** Answers every question; `choose` sees the server-side key (the test's oracle, never the browser's). */
export async function answerAll(
  stack: Stack,
  cookie: string,
  verificationId: string,
  choose: (q: ChallengeQuestionEntity) => UserAnswer | null,
) {
  const session = await call(stack, 'GET', '/api/v1/ssp/session', { key: null, cookie });
  const keys = await stack.db.dataSource.getRepository(ChallengeQuestionEntity).findBy({ verificationId });
  for (const q of session.body.questions) {
    const withKey = keys.find((k) => k.id === q.id)!;
    const res = await call(stack, 'POST', '/api/v1/ssp/session/answers', {
      key: null,
      cookie,
      body: { questionId: q.id, answer: choose(withKey), elapsedMs: 5200, pasted: false },
    });
    if (res.status !== 200) throw new Error(`answer refused: ${JSON.stringify(res.body)}`);
  }
  return session.body;
}

export async function waitForVerification(stack: Stack, id: string, statuses: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(stack, 'GET', `/api/v1/verifications/${id}`);
    if (statuses.includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`verification ${id} is ${res.body.status}, expected ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
