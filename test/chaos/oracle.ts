import type { Pool } from 'pg';
import type { AnswerKey, QuestionOption } from '../../workflows/verification/question';
import { sleep } from './processes';

/**
 * What the harness reads straight from its own database, never through the API under test: the
 * SMS the caller's phone receives (the dev outbox) and the answer keys (the test's oracle). Reads
 * retry through an outage: they stand for the world outside the system, not for its clients.
 */
export interface ChaosUser {
  id: string;
  email: string;
  phone: string;
}

export interface QuestionKey {
  id: string;
  type: string;
  options: QuestionOption[];
  answerKey: AnswerKey;
}

/** Users with the most to ask about first, and those needing one approver (not privileged) before the others. */
export async function pickUsers(pool: Pool, count: number, privilegedGroups: string[]): Promise<ChaosUser[]> {
  const { rows } = await pool.query(
    `SELECT id, email, mobile_phone AS phone FROM directory_users u
      WHERE active AND mobile_phone IS NOT NULL
      ORDER BY (groups && $1::text[]),
               (manager_id IS NOT NULL AND cardinality(groups) > 1 AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id)) DESC,
               id
      LIMIT $2`,
    [privilegedGroups, count],
  );
  return rows;
}

/**
 * The callers' phones: one query for all the links awaited, twice a second, rather than one per
 * caller, so 200 waiting callers add no load of their own to the database under test.
 */
export class Phones {
  private readonly waiting = new Map<string, (link: string) => void>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly pool: Pool) {}

  /** The link the SMS carries, or null when none arrived before the deadline. */
  linkFor(verificationId: string, deadline: number): Promise<string | null> {
    return new Promise((resolve) => {
      const giveUp = setTimeout(() => {
        this.waiting.delete(verificationId);
        resolve(null);
      }, deadline - Date.now());
      this.waiting.set(verificationId, (link) => {
        clearTimeout(giveUp);
        resolve(link);
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (!this.timer && this.waiting.size) this.timer = setTimeout(() => void this.poll(), 500);
  }

  private async poll(): Promise<void> {
    try {
      const { rows } = await this.pool.query(
        `SELECT verification_id AS id, link FROM dev_outbox_messages WHERE verification_id = ANY($1::uuid[]) AND link IS NOT NULL`,
        [[...this.waiting.keys()]],
      );
      for (const row of rows) {
        this.waiting.get(row.id)?.(row.link);
        this.waiting.delete(row.id);
      }
    } catch {
      /* the database is down: the phones wait like everyone else */
    }
    this.timer = undefined;
    this.schedule();
  }
}

export async function questionKeys(pool: Pool, verificationId: string, deadline: number): Promise<QuestionKey[] | null> {
  return retrying(deadline, async () => {
    const { rows } = await pool.query(
      `SELECT id, type, options, answer_key AS "answerKey" FROM challenge_questions WHERE verification_id = $1 ORDER BY position`,
      [verificationId],
    );
    return rows.length ? rows : null;
  });
}

/** Polls until `read` returns something, through errors, until the deadline (then null). */
async function retrying<T>(deadline: number, read: () => Promise<T | null>): Promise<T | null> {
  while (Date.now() < deadline) {
    try {
      const found = await read();
      if (found !== null) return found;
    } catch {
      /* the database is down: the phone and the oracle wait like everyone else */
    }
    await sleep(1000);
  }
  return null;
}

export { rightAnswer, wrongAnswer } from '../support/answers';
