import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { OUTCOMES } from '../../workflows/verification/model';

type History = temporal.api.history.v1.IHistory;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

export interface TimelineEntry {
  at: string;
  event: string;
  detail: string;
}

/**
 * Reads a verification's decoded workflow history as an auditor would: who started it under which policy,
 * when the link went out and was used, each answer's grade, the risk and the outcome with its
 * reason, who approved what and when. Only what the history itself proves.
 */
export function decisionTimeline(history: History): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const activities = new Map<number, string>();
  const push = (at: Date, event: string, detail: string) => entries.push({ at: at.toISOString(), event, detail });

  for (const e of history.events ?? []) {
    const at = timeOf(e.eventTime);
    if (e.workflowExecutionStartedEventAttributes) {
      const [input] = decode<{ initiatedBy: string; channel: string; reason: string; policy: { version: string } }>(
        e.workflowExecutionStartedEventAttributes.input,
      );
      push(at, 'started', `by ${input?.initiatedBy}, ${input?.reason} by ${input?.channel}, policy ${input?.policy?.version}`);
    } else if (e.activityTaskScheduledEventAttributes) {
      const name = e.activityTaskScheduledEventAttributes.activityType?.name ?? '?';
      activities.set(Number(e.eventId), name);
      if (name === 'recordProgress') {
        const [p] = decode<{ status: string; outcomeReason?: string; approval?: { approvedBy: string } }>(
          e.activityTaskScheduledEventAttributes.input,
        );
        if (p && (OUTCOMES as readonly string[]).includes(p.status)) push(at, 'outcome', `${p.status}: ${p.outcomeReason ?? ''}`.trim());
        else if (p) push(at, 'status', p.status);
      }
    } else if (e.activityTaskCompletedEventAttributes) {
      const name = activities.get(Number(e.activityTaskCompletedEventAttributes.scheduledEventId));
      const [result] = decode<Record<string, unknown>>(e.activityTaskCompletedEventAttributes.result);
      if (name === 'deliverLink') push(at, 'link sent', `expires ${result?.linkExpiresAt}`);
      if (name === 'prepareChallenge') push(at, 'questions generated', `${result?.questionCount} questions`);
      if (name === 'gradeAnswer') push(at, 'answer graded', `${result?.kind}: ${result?.grade} (${result?.score})`);
      if (name === 'assessRisk') {
        const factors = (result?.factors as { description: string }[] | undefined)?.map((f) => f.description).join('; ');
        push(at, 'risk assessed', `score ${result?.score}${factors ? `: ${factors}` : ''}`);
      }
      if (name === 'runResetConnector')
        push(at, 'IdP action', `${result?.connector} ${result?.action}: ${result?.status}, ${result?.detail}`);
      if (name === 'completeReset') push(at, 'reset completed', 'user notified on their corporate address');
      if (name === 'prepareProofs') {
        const destination = result?.destination as { detail?: string; against?: string } | undefined;
        push(at, 'proofs prepared', `${destination?.against ? 'against: ' : ''}${destination?.detail ?? ''}`);
      }
    } else if (e.activityTaskFailedEventAttributes) {
      const name = activities.get(Number(e.activityTaskFailedEventAttributes.scheduledEventId));
      push(at, 'activity failed', `${name}: ${failureMessage(e.activityTaskFailedEventAttributes.failure)}`);
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const request = e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest;
      const name = request?.input?.name ?? '?';
      const [arg] = decode<Record<string, unknown>>(request?.input?.args);
      if (name === 'startSession') push(at, 'link used', 'the user pressed Start');
      if (name === 'finishSession') push(at, 'session finished', 'the user submitted');
      if (name === 'approveReset')
        push(at, 'reset approved', `${arg?.action} by ${arg?.approvedBy}${arg?.ticketRef ? `, ticket ${arg.ticketRef}` : ''}`);
      if (name === 'cancelVerification') push(at, 'cancel requested', `by ${arg?.cancelledBy}`);
      if (name === 'completeStepUp') {
        const method = arg?.method as { amr?: string[]; phishingResistant?: boolean } | undefined;
        const how = method
          ? ` with ${method.amr?.join('+') || 'an unnamed method'}${method.phishingResistant ? ', phishing-resistant' : ''}`
          : '';
        push(at, 'IdP sign-in', `${arg?.matched ? 'the user' : 'someone else'} signed in at ${arg?.issuer}${how}`);
      }
      if (name === 'recordProof') push(at, 'proof recorded', `${arg?.kind}: ${arg?.status}, ${arg?.detail}`);
    } else if (e.workflowExecutionSignaledEventAttributes?.signalName === 'supersede') {
      const [arg] = decode<{ supersededBy: string }>(e.workflowExecutionSignaledEventAttributes.input);
      push(at, 'superseded', `by ${arg?.supersededBy}`);
    } else if (e.timerFiredEventAttributes) {
      push(at, 'timer fired', 'a deadline passed (link, session or approval window)');
    } else if (e.markerRecordedEventAttributes?.markerName === 'core_patch') {
      push(at, 'workflow version', 'patched code path taken');
    } else if (e.workflowExecutionCompletedEventAttributes) {
      const [state] = decode<{ status: string }>(e.workflowExecutionCompletedEventAttributes.result);
      push(at, 'completed', `final status ${state?.status}`);
    }
  }
  return entries;
}

function decode<T>(payloads: Payloads): (T | undefined)[] {
  return (payloads?.payloads ?? []).map((p) => {
    try {
      return defaultPayloadConverter.fromPayload<T>(p as never);
    } catch {
      return undefined; // an encrypted or foreign payload: the timeline shows what it can
    }
  });
}

/** With encoded common attributes the message travels in a payload; the plain field says "Encoded failure". */
function failureMessage(failure: temporal.api.failure.v1.IFailure | null | undefined): string | undefined {
  if (failure?.encodedAttributes) {
    const [attributes] = decode<{ message?: string }>({ payloads: [failure.encodedAttributes] });
    if (attributes?.message) return attributes.message;
  }
  return failure?.message ?? undefined;
}

function timeOf(time: temporal.api.history.v1.IHistoryEvent['eventTime']): Date {
  const seconds = Number(time?.seconds ?? 0);
  return new Date(seconds * 1000 + Math.floor((time?.nanos ?? 0) / 1e6));
}
