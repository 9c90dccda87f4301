/**
 * What each kind of caller knows, question kind by question kind. Every number is an
 * assumption, written down so it can be argued with. The questions, their distractors and the
 * grading are the production ones; only the caller is simulated.
 */
import type { DirectoryFacts } from '../../activities/verification/challenge/directory-facts';
import type { GeneratedQuestion, UserAnswer } from '../../workflows/verification/question';
import { chance, pick, type Random, shuffle } from './random';

/** What the harness knows about the victim beyond the challenge facts, from the directory. */
export interface PersonaContext {
  officeCountry: string;
  signinDevices: string[];
  departmentColleagues: string[];
}

// A genuine user's memory: good, not perfect.
/** Skips a question (interrupted, unsure and would rather not guess). */
const GENUINE_SKIPS = 0.02;
/** Groups: picks exactly their groups; else (up to here) forgets one of two; else adds one they are not in. */
const GENUINE_GROUPS_ALL_RIGHT = 0.8;
const GENUINE_GROUPS_FORGETS_ONE_BY = 0.92;
/** Naming a co-attendee: the full name; else a short form; else the first name only; else the wrong person (their manager). */
const GENUINE_NAME_FULL = 0.7;
const GENUINE_NAME_SHORT_BY = 0.78;
const GENUINE_NAME_FIRST_ONLY_BY = 0.9;
/** Single choice: which meeting is the hardest to recall, the device the easiest; public facts are near certain. */
const GENUINE_ACCURACY: Partial<Record<GeneratedQuestion['kind'], number>> = { meeting: 0.88, signin_city: 0.95, signin_device: 0.97 };
const GENUINE_ACCURACY_PUBLIC = 0.99;

// An outsider knows the public profile (name, title, department, office, manager) and guesses the rest.
/** Asked to name a co-attendee, names the manager (the one name they know); else a department colleague from the profile site. */
const OUTSIDER_NAMES_MANAGER = 0.4;
/** Two department-looking groups: the best bet when one or two of five are right and a wrong pick costs a right one. */
const OUTSIDER_GROUP_PICKS = 2;

// A colleague in the victim's department: sits near them, shares projects, sees their phone.
/** Knows each of the victim's telling groups (shared team, shared channels). */
const COLLEAGUE_KNOWS_GROUP = 0.8;
/** Was invited to the meeting asked about too. */
const COLLEAGUE_SHARED_MEETING = 0.5;
/** Knows where the victim signs in from (a city asked about) and what they sign in with (once per call: the same phone all along). */
export const COLLEAGUE_KNOWS_SIGNINS = 0.7;

/** The kinds one ordinary employee account reads exactly in most directories (Entra ID, Google, LDAP): groups and the org chart. */
const DIRECTORY_READABLE: readonly GeneratedQuestion['kind'][] = ['groups', 'manager', 'department', 'office'];

export function recall(q: GeneratedQuestion, facts: DirectoryFacts, random: Random): UserAnswer | null {
  if (chance(GENUINE_SKIPS, random)) return null;
  const key = q.answerKey;
  if (key.type === 'multi') {
    const r = random();
    if (r < GENUINE_GROUPS_ALL_RIGHT) return { optionIds: key.optionIds };
    if (r < GENUINE_GROUPS_FORGETS_ONE_BY && key.optionIds.length > 1) return { optionIds: key.optionIds.slice(1) };
    const extra = q.options.find((o) => !key.optionIds.includes(o.id))!.id;
    return { optionIds: [...key.optionIds, extra] };
  }
  if (key.type === 'text') {
    const name = pick(key.accepted, random);
    const r = random();
    if (r < GENUINE_NAME_FULL) return { text: name };
    if (r < GENUINE_NAME_SHORT_BY) return { text: name.replace(/^(\S{3})\S*/, '$1') };
    if (r < GENUINE_NAME_FIRST_ONLY_BY) return { text: name.split(' ')[0] };
    return { text: facts.manager?.displayName ?? 'no idea' };
  }
  return chance(GENUINE_ACCURACY[q.kind] ?? GENUINE_ACCURACY_PUBLIC, random) ? knownAnswer(q)! : wrongOption(q, random);
}

/** The outsider: answers what the public profile tells and guesses the rest from what the question shows. */
export function guess(q: GeneratedQuestion, facts: DirectoryFacts, context: PersonaContext, random: Random): UserAnswer {
  const key = q.answerKey;
  const publicAnswer = { manager: facts.manager?.displayName, department: facts.user.department, office: facts.user.office }[
    q.kind as string
  ];
  if (key.type === 'single' && publicAnswer) {
    const known = q.options.find((o) => o.label === publicAnswer);
    if (known) return { optionId: known.id };
  }
  if (key.type === 'multi') {
    const looksRight = q.options.filter((o) => facts.departmentGroups.includes(o.label));
    const pool = looksRight.length ? looksRight : q.options;
    return {
      optionIds: shuffle(pool, random)
        .slice(0, OUTSIDER_GROUP_PICKS)
        .map((o) => o.id),
    };
  }
  if (key.type === 'text') {
    const namesManager = chance(OUTSIDER_NAMES_MANAGER, random) && facts.manager;
    return { text: namesManager ? facts.manager!.displayName : pick(context.departmentColleagues, random) };
  }
  if (q.kind === 'signin_device') {
    // Bet on the most common device family on offer.
    const byShare = [...q.options].sort((a, b) => deviceShare(b.label) - deviceShare(a.label));
    return { optionId: byShare[0].id };
  }
  // Meetings of the department, cities around the office: rule out what looks foreign, guess among the rest.
  const plausible = q.options.filter((o) => facts.departmentMeetingSubjects.includes(o.label) || facts.officeAreaCities.includes(o.label));
  return { optionId: pick(plausible.length ? plausible : q.options, random).id };
}

/** The directory reader: reads groups and the org chart with an ordinary account; guesses meetings and sign-ins like the outsider. */
export function readDirectory(q: GeneratedQuestion, facts: DirectoryFacts, context: PersonaContext, random: Random): UserAnswer {
  return DIRECTORY_READABLE.includes(q.kind) ? knownAnswer(q)! : guess(q, facts, context, random);
}

/**
 * The colleague: the org chart exactly, most of the victim's groups, some shared meetings, their
 * usual places and phone. What they do not know, they guess like the outsider.
 */
export function colleagueAnswer(
  q: GeneratedQuestion,
  facts: DirectoryFacts,
  context: PersonaContext,
  random: Random,
  knowsDevices: boolean,
): UserAnswer {
  const key = q.answerKey;
  if (q.kind === 'manager' || q.kind === 'department' || q.kind === 'office') return knownAnswer(q)!;
  if (key.type === 'multi') {
    // Ticks the victim's groups they know of and nothing they are unsure of; knowing none, guesses.
    const known = key.optionIds.filter(() => chance(COLLEAGUE_KNOWS_GROUP, random));
    return known.length ? { optionIds: known } : guess(q, facts, context, random);
  }
  const knows =
    q.kind === 'meeting'
      ? chance(COLLEAGUE_SHARED_MEETING, random)
      : q.kind === 'signin_city'
        ? chance(COLLEAGUE_KNOWS_SIGNINS, random)
        : q.kind === 'signin_device' && knowsDevices;
  return knows ? knownAnswer(q, random)! : guess(q, facts, context, random);
}

/** Device families by share of helpdesk callers' phones and laptops. */
export const DEVICE_SHARE: [string, number][] = [
  ['iOS · Safari', 0.35],
  ['Android · Chrome', 0.25],
  ['Windows · Chrome', 0.15],
  ['Windows · Edge', 0.1],
  ['macOS · Safari', 0.08],
  ['macOS · Chrome', 0.07],
];

function deviceShare(device: string): number {
  return DEVICE_SHARE.find(([d]) => d === device)?.[1] ?? 0;
}

/** The right answer, as someone who knows it gives it. */
function knownAnswer(q: GeneratedQuestion, random?: Random): UserAnswer | undefined {
  const key = q.answerKey;
  if (key.type === 'single') return { optionId: key.optionId };
  if (key.type === 'multi') return { optionIds: key.optionIds };
  return { text: random ? pick(key.accepted, random) : key.accepted[0] };
}

function wrongOption(q: GeneratedQuestion, random: Random): UserAnswer {
  const key = q.answerKey as { optionId: string };
  return {
    optionId: pick(
      q.options.filter((o) => o.id !== key.optionId),
      random,
    ).id,
  };
}
