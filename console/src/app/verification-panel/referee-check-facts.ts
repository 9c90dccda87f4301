import type { RefereeCheck, RefereeCheckInput, VerificationView } from '../api/views';
import { principalName } from '../shared/labels';

export type RefereeMethod = RefereeCheck['method'];
export type RefereeVerdict = RefereeCheck['verdict'];

/** How the referee saw the person: the form's choices, and the recorded check's words. */
export const REFEREE_METHOD: Record<RefereeMethod, { label: string; phrase: string }> = {
  in_person: { label: 'In person', phrase: 'in person' },
  video: { label: 'On video', phrase: 'on video' },
};

/** What the referee concluded, as the form asks it. */
export const REFEREE_VERDICT: Record<RefereeVerdict, string> = {
  confirmed: 'It is them',
  refused: 'It is not them, or they could not show it',
};

/** The API's bounds on the evidence (api/verifications/dto/referee-check.dto.ts). */
export const EVIDENCE_MIN = 10;
export const EVIDENCE_MAX = 2000;

/**
 * What the region shows for this person:
 * - `hidden`: the verification does not need a referee;
 * - `recorded`: the check, once recorded, for everyone;
 * - `initiator`: the agent who started the verification, who must not check the caller;
 * - `read_only`: a role that cannot record one (auditors);
 * - `form`: anyone else who can.
 */
export type RefereeCheckMode = 'hidden' | 'recorded' | 'initiator' | 'read_only' | 'form';

export function refereeCheckMode(
  view: Pick<VerificationView, 'status' | 'initiatedBy' | 'refereeCheck'>,
  principalId: string,
  canRecord: boolean,
): RefereeCheckMode {
  if (view.refereeCheck) return 'recorded';
  if (view.status !== 'needs_referee') return 'hidden';
  if (!canRecord) return 'read_only';
  if (principalId && view.initiatedBy === principalId) return 'initiator';
  return 'form';
}

export interface RefereeCheckFacts {
  referee: string;
  method: string;
  verdict: string;
  evidence: string;
  at: string;
  /** What happens next, in one or two sentences for an agent under time pressure. */
  next: string;
  tone: 'good' | 'bad';
}

/** A recorded check in plain words. */
export function refereeCheckFacts(check: RefereeCheck): RefereeCheckFacts {
  const referee = principalName(check.referee);
  const confirmed = check.verdict === 'confirmed';
  return {
    referee,
    method: REFEREE_METHOD[check.method].label,
    verdict: confirmed
      ? `Confirmed: ${REFEREE_VERDICT.confirmed.toLowerCase()}`
      : `Not confirmed: ${REFEREE_VERDICT.refused.toLowerCase()}`,
    evidence: check.evidence,
    at: check.at,
    next: confirmed
      ? `Confirmed by ${referee} ${REFEREE_METHOD[check.method].phrase}. ResetGate’s approval stays closed: reset under your organisation’s in-person procedure.`
      : 'Not confirmed: do not reset. Tell your security team.',
    tone: confirmed ? 'good' : 'bad',
  };
}

/** Why the evidence cannot be sent yet, in words; empty when it can. Spaces do not count. */
export function evidenceProblem(text: string): string {
  const length = text.trim().length;
  if (!length) return 'Say what you saw and checked.';
  if (length < EVIDENCE_MIN) return `Write at least ${EVIDENCE_MIN} characters.`;
  if (length > EVIDENCE_MAX) return `Keep it under ${EVIDENCE_MAX} characters.`;
  return '';
}

/** The body the API takes, from the form's values: the evidence without surrounding spaces. */
export function refereeCheckBody(values: { method: RefereeMethod; verdict: RefereeVerdict; evidence: string }): RefereeCheckInput {
  return { method: values.method, verdict: values.verdict, evidence: values.evidence.trim() };
}

/** The confirmation before recording: what is about to be recorded, and that it is final. */
export function confirmationMessage(values: { method: RefereeMethod; verdict: RefereeVerdict }): string {
  return `You saw them ${REFEREE_METHOD[values.method].phrase}: “${REFEREE_VERDICT[values.verdict]}”. The check is recorded once, under your name, and cannot be changed.`;
}
