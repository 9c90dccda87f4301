/** The shape of a challenge question. The answer key never leaves the server. */

export type QuestionKind = 'groups' | 'manager' | 'department' | 'office' | 'meeting' | 'signin_city' | 'signin_device';
export type QuestionType = 'single' | 'multi' | 'text';

/**
 * Facts anyone can find on a social profile (manager, department, office) prove little; the
 * engine asks mostly private ones and counts a public answer for half.
 */
export const PUBLIC_KINDS: readonly QuestionKind[] = ['manager', 'department', 'office'];
export const PUBLIC_WEIGHT = 0.5;

export interface QuestionOption {
  id: string;
  label: string;
}

export type AnswerKey =
  { type: 'single'; optionId: string } | { type: 'multi'; optionIds: string[] } | { type: 'text'; accepted: string[] };

export interface UserAnswer {
  optionId?: string;
  optionIds?: string[];
  text?: string;
}

export interface GeneratedQuestion {
  kind: QuestionKind;
  type: QuestionType;
  text: string;
  options: QuestionOption[];
  answerKey: AnswerKey;
  weight: number;
}
