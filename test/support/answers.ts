import type { ChallengeQuestionEntity } from '../../core/database/entities';
import type { UserAnswer } from '../../workflows/verification/question';

/** A question as the tests' oracle reads it: its options and its server-side key. */
export type KeyedQuestion = Pick<ChallengeQuestionEntity, 'answerKey' | 'options'>;

/** What a user who knows their own data answers: the key, read from the server side. */
export function rightAnswer(q: KeyedQuestion): UserAnswer {
  const key = q.answerKey;
  if (key.type === 'single') return { optionId: key.optionId };
  if (key.type === 'multi') return { optionIds: key.optionIds };
  return { text: key.accepted[0] };
}

export function wrongAnswer(q: KeyedQuestion): UserAnswer {
  const key = q.answerKey;
  if (key.type === 'single') return { optionId: q.options.find((o) => o.id !== key.optionId)!.id };
  if (key.type === 'multi') return { optionIds: q.options.filter((o) => !key.optionIds.includes(o.id)).map((o) => o.id) };
  return { text: 'nobody at all' };
}
