import { getTimezone } from 'countries-and-timezones';
import type { ClientSignals } from '../../../workflows/verification/messages';
import type { RiskAssessment, RiskCategory, RiskFactor } from '../../../workflows/verification/model';
import { deviceFamily } from './device-family';
import type { NetworkFacts } from './network-intel';

/** Everything the risk score looks at, gathered by the activity (or simulated by the strength harness). */
export interface RiskEvidence {
  network: NetworkFacts;
  /** Signals sent when the session started and when it finished. */
  session: ClientSignals;
  finish: ClientSignals;
  officeCountry: string | null;
  /** Countries and device families of the user's recent sign-ins, from the directory. */
  signinCountries: string[];
  signinDevices: string[];
  /** Did the link go to the phone number or personal email the directory holds? */
  destinationOnFile: boolean;
  answerTimesMs: number[];
  pastedAnswers: number;
  /** The user's optional re-authentication at the organisation's IdP. */
  stepUp?: { matched: boolean };
}

const HEADLESS_USER_AGENT = /HeadlessChrome|PhantomJS|puppeteer|playwright|selenium/i;
const FASTEST_HUMAN_MEDIAN_MS = 1500;

/** Points per factor: the policy's `maxRisk` (default 5, RESETGATE_MAX_RISK) is compared with their sum, capped at 10. */
export const RISK_POINTS = {
  tor: 6,
  vpn: 3,
  hosting: 3,
  ipCountryUnusual: 2,
  webdriver: 6,
  headless: 3,
  noUserAgent: 1,
  timezoneMismatch: 1,
  platformMismatch: 2,
  destinationNotOnFile: 3,
  unknownDevice: 2,
  pastedAnswers: 1,
  answersTooFast: 1,
  focusLost: 1,
  // Signing in at the IdP as the target proves more than any signal here; as someone else, far less.
  idpSignInMatched: -2,
  idpSignInMismatch: 6,
} as const;

/** Risk 0–10 from four categories; every point is explained by a factor an agent can read. */
export function assessRisk(evidence: RiskEvidence): RiskAssessment {
  const factors: RiskFactor[] = [];
  const add = (category: RiskCategory, code: keyof typeof RISK_POINTS, description: string) =>
    factors.push({ category, code, points: RISK_POINTS[code], description: `${description} ${signed(RISK_POINTS[code])}` });
  const { network } = evidence;
  const userAgent = evidence.finish.userAgent ?? evidence.session.userAgent ?? '';
  const timezone = evidence.finish.timezone ?? evidence.session.timezone;

  const org = network.asOrganisation ? ` (AS${network.asn} ${network.asOrganisation})` : '';
  if (network.kind === 'tor') add('network', 'tor', 'IP address is a Tor exit');
  if (network.kind === 'vpn') add('network', 'vpn', `IP address belongs to a VPN or proxy provider${org}`);
  if (network.kind === 'hosting') add('network', 'hosting', `IP address belongs to a hosting provider${org}`);
  const usualCountries = new Set([evidence.officeCountry, ...evidence.signinCountries].filter(Boolean));
  if (network.country && usualCountries.size > 0 && !usualCountries.has(network.country)) {
    add('network', 'ipCountryUnusual', `IP country ${network.country} differs from office country ${evidence.officeCountry ?? '?'}`);
  }

  if (evidence.session.webdriver || evidence.finish.webdriver)
    add('endpoint', 'webdriver', 'Browser is driven by automation (navigator.webdriver)');
  if (HEADLESS_USER_AGENT.test(userAgent)) add('endpoint', 'headless', 'User agent is a headless or automated browser');
  if (!userAgent) add('endpoint', 'noUserAgent', 'No user agent was sent');
  const platform = evidence.finish.platform ?? evidence.session.platform;
  const claimedOs = deviceFamily(userAgent)?.split(' · ')[0];
  if (platform && claimedOs && !sameOs(platform, claimedOs)) {
    add('endpoint', 'platformMismatch', `User agent claims ${claimedOs} but the browser reports ${platform}`);
  }
  const placeCountry = network.country ?? evidence.officeCountry;
  const zoneCountries: string[] | undefined = timezone ? getTimezone(timezone)?.countries : undefined;
  if (placeCountry && zoneCountries && zoneCountries.length > 0 && !zoneCountries.includes(placeCountry)) {
    add('endpoint', 'timezoneMismatch', `Browser time zone ${timezone} is not used in ${placeCountry}`);
  }

  if (!evidence.destinationOnFile) add('persona', 'destinationNotOnFile', 'Link sent to a destination not held in the directory');
  const device = deviceFamily(userAgent);
  if (device && evidence.signinDevices.length > 0 && !evidence.signinDevices.includes(device)) {
    add('persona', 'unknownDevice', `Device (${device}) not seen in the user's recent sign-ins`);
  }
  if (evidence.stepUp?.matched) add('persona', 'idpSignInMatched', "Signed in again at the organisation's IdP as this user");
  if (evidence.stepUp && !evidence.stepUp.matched)
    add('persona', 'idpSignInMismatch', "Signed in at the organisation's IdP as someone else");

  const pastes = Math.max(evidence.pastedAnswers, evidence.finish.pasteCount ?? 0);
  if (pastes > 0) add('challenge', 'pastedAnswers', 'Answers were pasted');
  const median = medianOf(evidence.answerTimesMs);
  if (median !== null && median < FASTEST_HUMAN_MEDIAN_MS) add('challenge', 'answersTooFast', 'Answers came faster than a person reads');
  if ((evidence.finish.focusLossCount ?? 0) > 3) add('challenge', 'focusLost', 'The page lost focus repeatedly while answering');

  const score = Math.max(
    0,
    Math.min(
      10,
      factors.reduce((sum, f) => sum + f.points, 0),
    ),
  );
  return { score, factors };
}

const signed = (points: number) => (points < 0 ? `−${-points}` : `+${points}`);

/** Client-hint platform names against the OS in a device family ("macOS" vs "macOS", "Windows", "Android"…). */
function sameOs(platform: string, os: string): boolean {
  const p = platform.toLowerCase();
  return p === os.toLowerCase() || (os === 'Linux' && p.includes('linux')) || (os === 'macOS' && p.includes('mac'));
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
