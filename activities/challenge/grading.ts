import type { Grade } from '../../workflows/model';
import type { AnswerKey, UserAnswer } from './question';

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

/** Case, accents and spacing never matter; one typo per eight letters still counts as right. */
function gradeText(accepted: string[], given: string): GradeResult {
  const answer = normalise(given);
  if (!answer) return { grade: 'incorrect', score: 0 };
  for (const candidate of accepted.map(normalise)) {
    if (editDistance(answer, candidate) <= Math.floor(candidate.length / 8)) return { grade: 'correct', score: 1 };
  }
  const words = new Set(accepted.flatMap((a) => normalise(a).split(' ')));
  if (answer.split(' ').some((w) => w.length > 1 && words.has(w))) return { grade: 'partial', score: 0.5 };
  return { grade: 'incorrect', score: 0 };
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
