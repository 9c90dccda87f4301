import type { Grade } from '../../../workflows/verification/model';
import { sameGivenName } from './nicknames';
import type { AnswerKey, UserAnswer } from '../../../workflows/verification/question';

export interface GradeResult {
  grade: Grade;
  score: number;
}

/** Grades one answer against its key. `null` is a skip. Multi-select earns partial credit. */
export function gradeAnswer(key: AnswerKey, answer: UserAnswer | null): GradeResult {
  if (answer === null) return { grade: 'skipped', score: 0 };
  switch (key.type) {
    case 'single':
      return answer.optionId === key.optionId ? { grade: 'correct', score: 1 } : { grade: 'incorrect', score: 0 };
    case 'multi':
      return gradeMulti(key.optionIds, answer.optionIds ?? []);
    case 'text':
      return gradeText(key.accepted, answer.text ?? '');
  }
}

/** Each right choice earns a share; each wrong choice takes one away, so "select all" earns nothing. */
function gradeMulti(expected: string[], chosen: string[]): GradeResult {
  const picked = new Set(chosen);
  const hits = expected.filter((id) => picked.has(id)).length;
  const misses = [...picked].filter((id) => !expected.includes(id)).length;
  const score = Math.max(0, (hits - misses) / expected.length);
  if (score === 1) return { grade: 'correct', score: 1 };
  return score > 0 ? { grade: 'partial', score: Math.round(score * 100) / 100 } : { grade: 'incorrect', score: 0 };
}

/**
 * Free text names a person. Case, accents and spacing never matter, and one typo per eight
 * letters is forgiven. A nickname with the right family name is right; the family name alone,
 * the given name alone or an initial with the family name ("K. Haddad") earn half.
 */
function gradeText(accepted: string[], given: string): GradeResult {
  const answer = normalise(given);
  if (!answer) return { grade: 'incorrect', score: 0 };
  const grades = accepted.map((name) => gradeName(normalise(name), answer));
  const best = Math.max(...grades, 0);
  if (best === 1) return { grade: 'correct', score: 1 };
  return best > 0 ? { grade: 'partial', score: best } : { grade: 'incorrect', score: 0 };
}

function gradeName(expected: string, answer: string): number {
  const close = (a: string, b: string) => editDistance(a, b) <= Math.floor(b.length / 8);
  if (close(answer, expected)) return 1;
  const [given, ...rest] = expected.split(' ');
  const family = rest.join(' ');
  const words = answer.split(' ');
  const answerFamily = words.slice(1).join(' ');
  if (words.length > 1 && family && close(answerFamily, family)) {
    if (sameGivenName(words[0], given)) return 1;
    if (words[0].length === 1 && words[0] === given[0]) return 0.5;
  }
  if (words.length === 1 && (close(answer, given) || (family && close(answer, family)))) return 0.5;
  return 0;
}

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
