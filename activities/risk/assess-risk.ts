import type { RiskAssessment, RiskCategory, RiskFactor } from '../../workflows/model';
import type { ClientSignals } from '../../workflows/messages';

export interface RiskEvidence {
  /** Signals sent when the session started and when it finished. */
  session: ClientSignals;
  finish: ClientSignals;
  /** Did the link go to the phone number or personal email the directory holds? */
  destinationOnFile: boolean;
  answerTimesMs: number[];
  pastedAnswers: number;
}

const HEADLESS_USER_AGENT = /HeadlessChrome|PhantomJS|puppeteer|playwright|selenium/i;
const FASTEST_HUMAN_MEDIAN_MS = 1500;

/** Risk 0–10 from four categories; every point is explained by a factor. */
export function assessRisk(evidence: RiskEvidence): RiskAssessment {
  const factors: RiskFactor[] = [];
  const add = (category: RiskCategory, code: string, points: number, description: string) =>
    factors.push({ category, code, points, description: `${description} +${points}` });

  const userAgent = evidence.finish.userAgent ?? evidence.session.userAgent ?? '';
  if (evidence.session.webdriver || evidence.finish.webdriver)
    add('endpoint', 'webdriver', 6, 'Browser is driven by automation (navigator.webdriver)');
  if (HEADLESS_USER_AGENT.test(userAgent)) add('endpoint', 'headless', 3, 'User agent is a headless or automated browser');
  if (!userAgent) add('endpoint', 'no_user_agent', 1, 'No user agent was sent');

  if (!evidence.destinationOnFile) add('persona', 'destination_not_on_file', 2, 'Link sent to a destination not held in the directory');

  const pastes = Math.max(evidence.pastedAnswers, evidence.finish.pasteCount ?? 0);
  if (pastes > 0) add('challenge', 'pasted_answers', Math.min(2, pastes), 'Answers were pasted');
  const median = medianOf(evidence.answerTimesMs);
  if (median !== null && median < FASTEST_HUMAN_MEDIAN_MS)
    add('challenge', 'answers_too_fast', 1, 'Answers came faster than a person reads');
  if ((evidence.finish.focusLossCount ?? 0) > 3) add('challenge', 'focus_lost', 1, 'The page lost focus repeatedly while answering');

  const score = Math.min(
    10,
    factors.reduce((sum, f) => sum + f.points, 0),
  );
  return { score, factors };
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
