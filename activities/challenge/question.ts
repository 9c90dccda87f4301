/** The shape of a challenge question. The answer key never leaves the server. */

export type QuestionKind = 'groups' | 'manager' | 'department' | 'office' | 'meeting' | 'signin_city';
export type QuestionType = 'single' | 'multi' | 'text';

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
}
