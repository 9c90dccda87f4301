import type { DirectoryFacts } from './directory-facts';
import type { GeneratedQuestion, QuestionKind, QuestionOption } from './question';
import { sample, shuffle } from './random';

const SINGLE_CHOICE_OPTIONS = 4;
const MULTI_CHOICE_OPTIONS = 5;

type Generator = (facts: DirectoryFacts) => GeneratedQuestion | null;

/**
 * Each generator returns null when the directory holds too little to ask its question fairly:
 * the user lacks the fact, or there are too few distinct distractors to hide it.
 */
export const GENERATORS: Record<QuestionKind, Generator> = {
  manager: (f) => (f.manager ? singleChoice('manager', 'Who is your manager?', f.manager.displayName, f.managerCandidates) : null),
  department: (f) =>
    f.user.department ? singleChoice('department', 'Which department do you work in?', f.user.department, f.departments) : null,
  office: (f) => (f.user.office ? singleChoice('office', 'Which office are you based in?', f.user.office, f.offices) : null),
  meeting: (f) =>
    f.attendedMeetings.length > 0
      ? singleChoice(
          'meeting',
          'Which of these meetings were you invited to in the last two weeks?',
          sample(f.attendedMeetings, 1)[0],
          f.otherMeetings.filter((m) => !f.attendedMeetings.includes(m)),
        )
      : null,
  signin_city: (f) =>
    f.lastSigninCity ? singleChoice('signin_city', 'From which city did you last sign in?', f.lastSigninCity, f.signinCities) : null,
  groups: (f) => groupsQuestion(f),
};

/** Builds `count` questions of different kinds, chosen at random among those the directory supports. */
export function generateQuestions(facts: DirectoryFacts, count: number): GeneratedQuestion[] {
  const questions: GeneratedQuestion[] = [];
  for (const kind of shuffle(Object.keys(GENERATORS) as QuestionKind[])) {
    if (questions.length === count) break;
    const question = GENERATORS[kind](facts);
    if (question) questions.push(question);
  }
  return questions;
}

function singleChoice(kind: QuestionKind, text: string, answer: string, pool: string[]): GeneratedQuestion | null {
  const distractors = sample(
    unique(pool).filter((p) => p !== answer),
    SINGLE_CHOICE_OPTIONS - 1,
  );
  if (distractors.length < SINGLE_CHOICE_OPTIONS - 1) return null;
  const options = labelled(shuffle([answer, ...distractors]));
  return {
    kind,
    type: 'single',
    text,
    options,
    answerKey: { type: 'single', optionId: options.find((o) => o.label === answer)!.id },
  };
}

function groupsQuestion(f: DirectoryFacts): GeneratedQuestion | null {
  if (f.user.groups.length === 0) return null;
  const memberOf = sample(f.user.groups, Math.min(2, f.user.groups.length));
  const distractors = sample(
    unique(f.groupNames).filter((g) => !f.user.groups.includes(g)),
    MULTI_CHOICE_OPTIONS - memberOf.length,
  );
  if (distractors.length < MULTI_CHOICE_OPTIONS - memberOf.length) return null;
  const options = labelled(shuffle([...memberOf, ...distractors]));
  return {
    kind: 'groups',
    type: 'multi',
    text: 'Which of these groups are you a member of? Select all that apply.',
    options,
    answerKey: { type: 'multi', optionIds: options.filter((o) => memberOf.includes(o.label)).map((o) => o.id) },
  };
}

/** Option ids are positional, so they say nothing about which option is right. */
function labelled(labels: string[]): QuestionOption[] {
  return labels.map((label, i) => ({ id: `o${i + 1}`, label }));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
