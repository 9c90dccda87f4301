/**
 * How genuine users and impostors behave, for the strength harness. Every number here is an
 * assumption, written down so it can be argued with.
 *
 * The attack modelled is the helpdesk call of CISA AA23-320A: the impostor knows what a social
 * profile shows (name, title, department, office, manager), asks the agent to send the link to a
 * number or address they control, and opens it on their own device and network.
 */
import type { GeneratedQuestion, UserAnswer } from '../../workflows/verification/question';
import type { DirectoryFacts } from '../../activities/verification/challenge/directory-facts';
import type { NetworkFacts } from '../../activities/verification/risk/network-intel';
import type { NetworkKind } from '../../activities/verification/risk/asn-categories';

export type Random = () => number;

export interface Attempt {
  answers: (UserAnswer | null)[];
  answerTimesMs: number[];
  destinationOnFile: boolean;
  device: string;
  network: NetworkFacts;
  timezoneCountry: string;
}

export interface Persona {
  name: 'genuine' | 'impostor';
  attempt(facts: DirectoryFacts, questions: GeneratedQuestion[], context: PersonaContext, random: Random): Attempt;
}

export interface PersonaContext {
  officeCountry: string;
  signinDevices: string[];
  departmentColleagues: string[];
}

/** Device families by share of helpdesk callers' phones and laptops. */
const DEVICE_SHARE: [string, number][] = [
  ['iOS · Safari', 0.35],
  ['Android · Chrome', 0.25],
  ['Windows · Chrome', 0.15],
  ['Windows · Edge', 0.1],
  ['macOS · Safari', 0.08],
  ['macOS · Chrome', 0.07],
];
const ELSEWHERE = ['US', 'GB', 'NG', 'RO', 'IN', 'BR', 'DE', 'CA'];

export const genuine: Persona = {
  name: 'genuine',
  attempt(facts, questions, context, random) {
    const traveling = random() < 0.04;
    const country = traveling ? pickOther(ELSEWHERE, context.officeCountry, random) : context.officeCountry;
    return {
      answers: questions.map((q) => (random() < 0.02 ? null : recall(q, facts, random))),
      answerTimesMs: questions.map(() => 3000 + random() * 22_000),
      destinationOnFile: random() >= 0.1, // 1 in 10 lost their phone or changed address
      device: random() < 0.92 && context.signinDevices.length ? pick(context.signinDevices, random) : weighted(DEVICE_SHARE, random),
      network: network(random() < 0.03 ? 'vpn' : 'residential', country),
      timezoneCountry: country,
    };
  },
};

export const impostor: Persona = {
  name: 'impostor',
  attempt(facts, questions, context, random) {
    const roll = random();
    const [kind, country, timezoneCountry]: [NetworkKind, string, string] =
      roll < 0.4
        ? ['residential', context.officeCountry, context.officeCountry] // lives in the victim's country
        : roll < 0.75
          ? ['vpn', context.officeCountry, random() < 0.5 ? context.officeCountry : pickOther(ELSEWHERE, context.officeCountry, random)]
          : roll < 0.9
            ? ['residential', pickOther(ELSEWHERE, context.officeCountry, random), pickOther(ELSEWHERE, context.officeCountry, random)]
            : roll < 0.97
              ? ['hosting', context.officeCountry, pickOther(ELSEWHERE, context.officeCountry, random)]
              : ['tor', pickOther(ELSEWHERE, context.officeCountry, random), pickOther(ELSEWHERE, context.officeCountry, random)];
    return {
      answers: questions.map((q) => guess(q, facts, context, random)),
      answerTimesMs: questions.map(() => 2000 + random() * 13_000),
      destinationOnFile: random() < 0.03, // SIM swap or a compromised personal mailbox
      device: weighted(DEVICE_SHARE, random),
      network: network(kind, country),
      timezoneCountry,
    };
  },
};

/** A genuine user's memory: good, not perfect. */
function recall(q: GeneratedQuestion, facts: DirectoryFacts, random: Random): UserAnswer {
  const key = q.answerKey;
  const right = (p: number) => random() < p;
  if (key.type === 'multi') {
    const r = random();
    if (r < 0.8) return { optionIds: key.optionIds };
    if (r < 0.92 && key.optionIds.length > 1) return { optionIds: key.optionIds.slice(1) }; // forgot one
    const extra = q.options.find((o) => !key.optionIds.includes(o.id))!.id;
    return { optionIds: [...key.optionIds, extra] }; // thought they were in one more
  }
  if (key.type === 'text') {
    const name = key.accepted[Math.floor(random() * key.accepted.length)];
    const r = random();
    if (r < 0.7) return { text: name };
    if (r < 0.78) return { text: name.replace(/^(\S{3})\S*/, '$1') }; // a short form
    if (r < 0.9) return { text: name.split(' ')[0] }; // first name only
    return { text: facts.manager?.displayName ?? 'no idea' };
  }
  const accuracy = { meeting: 0.88, signin_city: 0.95, signin_device: 0.97 }[q.kind as string] ?? 0.99;
  return right(accuracy)
    ? { optionId: key.optionId }
    : {
        optionId: pick(
          q.options.filter((o) => o.id !== key.optionId),
          random,
        ).id,
      };
}

/** An impostor answers what the profile tells and guesses the rest from what the question shows. */
function guess(q: GeneratedQuestion, facts: DirectoryFacts, context: PersonaContext, random: Random): UserAnswer {
  const key = q.answerKey;
  const publicAnswer = { manager: facts.manager?.displayName, department: facts.user.department, office: facts.user.office }[
    q.kind as string
  ];
  if (key.type === 'single' && publicAnswer) {
    const known = q.options.find((o) => o.label === publicAnswer);
    if (known) return { optionId: known.id };
  }
  if (key.type === 'multi') {
    // Groups that look like the department's are the best bet; pick two of them.
    const looksRight = q.options.filter((o) => facts.departmentGroups.includes(o.label));
    const pool = looksRight.length ? looksRight : q.options;
    return {
      optionIds: shuffle(pool, random)
        .slice(0, 2)
        .map((o) => o.id),
    };
  }
  if (key.type === 'text') {
    return { text: random() < 0.4 && facts.manager ? facts.manager.displayName : pick(context.departmentColleagues, random) };
  }
  if (q.kind === 'signin_device') {
    // Bet on the most common device family on offer.
    const byShare = [...q.options].sort((a, b) => share(b.label) - share(a.label));
    return { optionId: byShare[0].id };
  }
  // Meetings of the department, cities around the office: rule out what looks foreign, guess among the rest.
  const plausible = q.options.filter((o) => facts.departmentMeetingSubjects.includes(o.label) || facts.officeAreaCities.includes(o.label));
  return { optionId: pick(plausible.length ? plausible : q.options, random).id };
}

function share(device: string): number {
  return DEVICE_SHARE.find(([d]) => d === device)?.[1] ?? 0;
}

function network(kind: NetworkKind, country: string): NetworkFacts {
  const org = { residential: 'Simulated broadband', vpn: 'Simulated VPN provider', hosting: 'Simulated cloud', tor: 'Simulated Tor exit' }[
    kind as 'residential'
  ];
  return { ip: null, country, asn: null, asOrganisation: org, kind };
}

function pick<T>(items: T[], random: Random): T {
  return items[Math.floor(random() * items.length)];
}

function pickOther(items: string[], not: string, random: Random): string {
  return pick(
    items.filter((i) => i !== not),
    random,
  );
}

function weighted(shares: [string, number][], random: Random): string {
  let r = random();
  for (const [item, share] of shares) if ((r -= share) < 0) return item;
  return shares[shares.length - 1][0];
}

function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
