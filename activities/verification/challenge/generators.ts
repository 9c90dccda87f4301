import type { DirectoryFacts } from './directory-facts';
import {
  type GeneratedQuestion,
  PUBLIC_KINDS,
  PUBLIC_WEIGHT,
  type QuestionKind,
  type QuestionOption,
} from '../../../workflows/verification/question';
import { type RandomInt, sample, secureRandomInt, shuffle } from './random';

const SINGLE_CHOICE_OPTIONS = 4;
const MULTI_CHOICE_OPTIONS = 5;

type Question = Omit<GeneratedQuestion, 'weight'>;
type Generator = (facts: DirectoryFacts, random: RandomInt) => Question | null;

/**
 * Each generator returns null when the directory holds too little to ask its question fairly:
 * the user lacks the fact, or there are too few distinct distractors to hide it. Distractors
 * come from the user's own surroundings (department, office area), so knowing the public
 * profile does not rule them out.
 */
export const GENERATORS: Record<QuestionKind, Generator> = {
  groups: groupsQuestion,
  meeting: (f, r) => (r(2) === 0 ? meetingAttendeeQuestion(f, r) : null) ?? meetingQuestion(f, r),
  signin_city: signinCityQuestion,
  signin_device: (f, r) =>
    f.signinDevices.length > 0
      ? singleChoice(
          'signin_device',
          'Which kind of device have you signed in with recently?',
          sample(f.signinDevices, 1, r)[0],
          [f.deviceFamilies.filter((d) => !f.signinDevices.includes(d))],
          r,
        )
      : null,
  manager: (f, r) =>
    f.manager ? singleChoice('manager', 'Who is your manager?', f.manager.displayName, [f.departmentManagers, f.otherManagers], r) : null,
  department: (f, r) =>
    f.user.department ? singleChoice('department', 'Which department do you work in?', f.user.department, [f.departments], r) : null,
  office: (f, r) => (f.user.office ? singleChoice('office', 'Which office are you based in?', f.user.office, [f.offices], r) : null),
};

/** `count` questions of different kinds: private kinds first, public ones only to fill up. */
export function generateQuestions(facts: DirectoryFacts, count: number, random: RandomInt = secureRandomInt): GeneratedQuestion[] {
  const kinds = Object.keys(GENERATORS) as QuestionKind[];
  const ordered = [
    ...shuffle(
      kinds.filter((k) => !PUBLIC_KINDS.includes(k)),
      random,
    ),
    ...shuffle(
      kinds.filter((k) => PUBLIC_KINDS.includes(k)),
      random,
    ),
  ];
  const questions: GeneratedQuestion[] = [];
  for (const kind of ordered) {
    if (questions.length === count) break;
    const question = GENERATORS[kind](facts, random);
    if (question) questions.push({ ...question, weight: PUBLIC_KINDS.includes(kind) ? PUBLIC_WEIGHT : 1 });
  }
  return shuffle(questions, random);
}

function groupsQuestion(f: DirectoryFacts, random: RandomInt): Question | null {
  const telling = f.user.groups.filter((g) => !f.ubiquitousGroups.includes(g));
  if (telling.length === 0) return null;
  const memberOf = sample(telling, Math.min(2, telling.length), random);
  const notHeld = (g: string) => !f.user.groups.includes(g) && !f.ubiquitousGroups.includes(g);
  const wanted = MULTI_CHOICE_OPTIONS - memberOf.length;
  const distractors = unique([
    ...shuffle(f.departmentGroups.filter(notHeld), random),
    ...shuffle(f.groupNames.filter(notHeld), random),
  ]).slice(0, wanted);
  if (distractors.length < wanted) return null;
  const options = labelled(shuffle([...memberOf, ...distractors], random));
  return {
    kind: 'groups',
    type: 'multi',
    text: 'Which of these groups are you a member of? Select all that apply.',
    options,
    answerKey: { type: 'multi', optionIds: options.filter((o) => memberOf.includes(o.label)).map((o) => o.id) },
  };
}

function meetingQuestion(f: DirectoryFacts, random: RandomInt): Question | null {
  if (f.attendedMeetings.length === 0) return null;
  const attended = new Set(f.attendedMeetings.map((m) => m.subject));
  const answer = sample(f.attendedMeetings, 1, random)[0].subject;
  const unattended = (subjects: string[]) => subjects.filter((s) => !attended.has(s));
  return singleChoice(
    'meeting',
    'Which of these meetings were you invited to in the last two weeks?',
    answer,
    [unattended(f.departmentMeetingSubjects), unattended(f.otherMeetingSubjects)],
    random,
  );
}

/** Free text: name a co-attendee. Typos, accents, nicknames and initials are forgiven by the grader. */
function meetingAttendeeQuestion(f: DirectoryFacts, random: RandomInt): Question | null {
  // The manager's name is public: a meeting the manager attended would give the answer away.
  const candidates = f.attendedMeetings
    .map((m) => ({ ...m, attendees: m.attendees.filter((a) => a !== f.manager?.displayName) }))
    .filter((m) => m.attendees.length > 0);
  if (candidates.length === 0) return null;
  const meeting = sample(candidates, 1, random)[0];
  const day = meeting.startAt.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return {
    kind: 'meeting',
    type: 'text',
    text: `You were invited to “${meeting.subject}” on ${day}. Name one other person who was invited.`,
    options: [],
    answerKey: { type: 'text', accepted: meeting.attendees },
  };
}

function signinCityQuestion(f: DirectoryFacts, random: RandomInt): Question | null {
  // The office city is public, so only a city away from the office says anything.
  const private_ = f.signinCities.filter((c) => c !== f.user.office);
  if (private_.length === 0) return null;
  const answer = sample(private_, 1, random)[0];
  const pool = f.officeAreaCities.filter((c) => !f.signinCities.includes(c) && c !== f.user.office);
  return singleChoice('signin_city', 'Which of these places have you signed in from recently?', answer, [pool], random);
}

/** `tiers` are distractor pools, most plausible first: each is drawn from at random before the next. */
function singleChoice(kind: QuestionKind, text: string, answer: string, tiers: string[][], random: RandomInt): Question | null {
  const distractors = unique(tiers.flatMap((tier) => shuffle(tier, random)))
    .filter((p) => p !== answer)
    .slice(0, SINGLE_CHOICE_OPTIONS - 1);
  if (distractors.length < SINGLE_CHOICE_OPTIONS - 1) return null;
  const options = labelled(shuffle([answer, ...distractors], random));
  return {
    kind,
    type: 'single',
    text,
    options,
    answerKey: { type: 'single', optionId: options.find((o) => o.label === answer)!.id },
  };
}

/** Option ids are positional, so they say nothing about which option is right. */
function labelled(labels: string[]): QuestionOption[] {
  return labels.map((label, i) => ({ id: `o${i + 1}`, label }));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
