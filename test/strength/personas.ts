/**
 * Who calls the helpdesk, for the strength harness: what they know (test/strength/knowledge.ts)
 * and where they call from, which is what the risk score sees. What they can prove is in
 * test/strength/proofs.ts. Every number is an assumption, written down so it can be argued with.
 *
 * The attacks are those of CISA AA23-320A (Scattered Spider) and Mandiant's UNC3944 reports: a
 * caller who knows the public profile, then one who has a foothold (an employee account, the
 * victim's ported number), and the people already inside (a colleague, a helpdesk agent).
 */
import type { DirectoryFacts } from '../../activities/verification/challenge/directory-facts';
import { classifyNetwork, type NetworkKind } from '../../activities/verification/risk/asn-categories';
import type { NetworkFacts } from '../../activities/verification/risk/network-intel';
import type { GeneratedQuestion, UserAnswer } from '../../workflows/verification/question';
import { colleagueAnswer, COLLEAGUE_KNOWS_SIGNINS, DEVICE_SHARE, guess, type PersonaContext, readDirectory, recall } from './knowledge';
import { chance, pick, pickOther, type Random, weighted } from './random';

export type { PersonaContext } from './knowledge';

export const PERSONA_NAMES = [
  'genuine',
  'outsider',
  'directory reader',
  'colleague',
  'SIM-swapper',
  'SIM-swapper + directory reader',
  'insider agent',
] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

/** How the caller answers and where from: everything the questions and the risk score see, except where the link went. */
export interface Attempt {
  answers: (UserAnswer | null)[];
  answerTimesMs: number[];
  device: string;
  network: NetworkFacts;
  timezoneCountry: string;
}

export interface Persona {
  name: PersonaName;
  /** One line for the report: who this is. */
  story: string;
  attempt(facts: DirectoryFacts, questions: GeneratedQuestion[], context: PersonaContext, random: Random): Attempt;
}

// Genuine users.
/** Abroad on business or holiday when locked out. */
const GENUINE_TRAVELLING = 0.04;
/** On a commercial VPN at home (privacy apps, streaming). */
const GENUINE_ON_VPN = 0.03;
/** On a device they signed in with recently; else a new or borrowed one. */
const GENUINE_USUAL_DEVICE = 0.92;
/** Reading and answering a question takes a person 3–25 s. */
const GENUINE_ANSWER_MS = [3000, 25_000] as const;

// Impostors calling from outside: the network they open the link on.
/** Home broadband in the victim's country (a local accomplice, or the many who live there). */
const REMOTE_HOME_IN_COUNTRY = 0.4;
/** A commercial VPN exiting in the victim's country; half of them also set the browser's time zone to match. */
const REMOTE_VPN_IN_COUNTRY = 0.35;
const REMOTE_VPN_MATCHES_TIMEZONE = 0.5;
/** Home broadband abroad, no attempt to hide it. */
const REMOTE_HOME_ABROAD = 0.15;
/** A cloud server in the victim's country (a remote browser); the rest is Tor. */
const REMOTE_CLOUD_IN_COUNTRY = 0.07;
/** Impostors answer faster than users: they have the answers they have, and no memory to search (2–15 s). */
const IMPOSTOR_ANSWER_MS = [2000, 15_000] as const;

// Insiders calling from the office.
/** The colleague calls on the corporate network (at their desk); else from home broadband, in the same country either way. */
const COLLEAGUE_ON_CORPORATE_NETWORK = 0.5;

const ELSEWHERE = ['US', 'GB', 'NG', 'RO', 'IN', 'BR', 'DE', 'CA'];

export const PERSONAS: Persona[] = [
  {
    name: 'genuine',
    story: 'the user, from memory, mostly on their usual device at home',
    attempt(facts, questions, context, random) {
      const country = chance(GENUINE_TRAVELLING, random) ? pickOther(ELSEWHERE, context.officeCountry, random) : context.officeCountry;
      return {
        answers: questions.map((q) => recall(q, facts, random)),
        answerTimesMs: answerTimes(questions, GENUINE_ANSWER_MS, random),
        device:
          chance(GENUINE_USUAL_DEVICE, random) && context.signinDevices.length
            ? pick(context.signinDevices, random)
            : weighted(DEVICE_SHARE, random),
        network: network(chance(GENUINE_ON_VPN, random) ? 'vpn' : 'residential', country),
        timezoneCountry: country,
      };
    },
  },
  remote('outsider', 'knows the public profile (name, title, department, office, manager)', guess),
  remote('directory reader', 'holds one employee account: reads groups and the org chart exactly, guesses the rest', readDirectory),
  {
    name: 'colleague',
    story: 'same department: most groups, half the meetings, usual places and phone; calls from the office country',
    attempt(facts, questions, context, random) {
      const knowsDevices = chance(COLLEAGUE_KNOWS_SIGNINS, random);
      const corporate = chance(COLLEAGUE_ON_CORPORATE_NETWORK, random);
      return {
        answers: questions.map((q) => colleagueAnswer(q, facts, context, random, knowsDevices)),
        answerTimesMs: answerTimes(questions, IMPOSTOR_ANSWER_MS, random),
        // Knowing the victim's phone, they open the link on the same kind (a user agent is a setting).
        device: knowsDevices && context.signinDevices.length ? pick(context.signinDevices, random) : weighted(DEVICE_SHARE, random),
        network: corporate ? corporateNetwork(context.officeCountry) : network('residential', context.officeCountry),
        timezoneCountry: context.officeCountry,
      };
    },
  },
  remote('SIM-swapper', 'outsider knowledge; has ported the victim’s number', guess),
  remote('SIM-swapper + directory reader', 'the ported number and an employee account', readDirectory),
  {
    name: 'insider agent',
    story: 'a helpdesk agent who sends the link to themselves: directory-reader knowledge, at the office',
    attempt(facts, questions, context, random) {
      return {
        answers: questions.map((q) => readDirectory(q, facts, context, random)),
        answerTimesMs: answerTimes(questions, IMPOSTOR_ANSWER_MS, random),
        device: weighted(DEVICE_SHARE, random),
        network: corporateNetwork(context.officeCountry),
        timezoneCountry: context.officeCountry,
      };
    },
  },
];

type Answering = (q: GeneratedQuestion, facts: DirectoryFacts, context: PersonaContext, random: Random) => UserAnswer;

/** An impostor who calls from outside, on their own device and network. */
function remote(name: PersonaName, story: string, answer: Answering): Persona {
  return {
    name,
    story,
    attempt(facts, questions, context, random) {
      const [kind, country, timezoneCountry] = remoteNetwork(context.officeCountry, random);
      return {
        answers: questions.map((q) => answer(q, facts, context, random)),
        answerTimesMs: answerTimes(questions, IMPOSTOR_ANSWER_MS, random),
        device: weighted(DEVICE_SHARE, random),
        network: network(kind, country),
        timezoneCountry,
      };
    },
  };
}

function remoteNetwork(office: string, random: Random): [NetworkKind, string, string] {
  const abroad = () => pickOther(ELSEWHERE, office, random);
  let roll = random();
  if ((roll -= REMOTE_HOME_IN_COUNTRY) < 0) return ['residential', office, office];
  if ((roll -= REMOTE_VPN_IN_COUNTRY) < 0) return ['vpn', office, chance(REMOTE_VPN_MATCHES_TIMEZONE, random) ? office : abroad()];
  if ((roll -= REMOTE_HOME_ABROAD) < 0) return ['residential', abroad(), abroad()];
  if ((roll -= REMOTE_CLOUD_IN_COUNTRY) < 0) return ['hosting', office, abroad()];
  return ['tor', abroad(), abroad()];
}

function answerTimes(questions: GeneratedQuestion[], [min, max]: readonly [number, number], random: Random): number[] {
  return questions.map(() => min + random() * (max - min));
}

function network(kind: NetworkKind, country: string): NetworkFacts {
  const org = { residential: 'Simulated broadband', vpn: 'Simulated VPN provider', hosting: 'Simulated cloud', tor: 'Simulated Tor exit' }[
    kind as 'residential'
  ];
  return { ip: null, country, asn: null, asOrganisation: org, kind };
}

/** The company's own network: the production classifier has no corporate category, so ask it what such an AS reads as. */
function corporateNetwork(country: string): NetworkFacts {
  const org = 'Simulated Corporation Ltd';
  return { ip: null, country, asn: null, asOrganisation: org, kind: classifyNetwork(org) };
}
