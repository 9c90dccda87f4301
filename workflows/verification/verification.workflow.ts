import * as wf from '@temporalio/workflow';
import type { ProofOptions, VerificationActivities } from './activities';
import {
  approveReset,
  cancelVerification,
  completeStepUp,
  type ClientSignals,
  finishSession,
  recordProof,
  requestVouch,
  startSession,
  submitAnswer,
  supersede,
  verificationState,
} from './messages';
import {
  type CancelReason,
  OPEN_STATUSES,
  type Outcome,
  type OutcomeDecision,
  RESET_CONNECTOR_MAX_ATTEMPTS,
  type VerificationInput,
  type VerificationState,
  type VerificationStatus,
} from './model';
import { type AssuredDecision, buildReceipt, decideOutcome, decideWithProofs } from './outcome';
import { ProofLedger } from './proof-ledger';
import { initiatedByKey, outcomeKey, statusKey, targetUserKey } from './search-attributes';

const acts = wf.proxyActivities<VerificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** An IdP action is tried a bounded number of times; the last attempt records the failure instead of throwing. */
const connector = wf.proxyActivities<VerificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: RESET_CONNECTOR_MAX_ATTEMPTS,
  },
});

/**
 * One verification, from link to reset: the state machine docs/architecture.md draws. Durable timers bound every
 * wait; the reset approval is an Update whose validator refuses anything but a fresh pass.
 */
export async function verificationWorkflow(input: VerificationInput): Promise<VerificationState> {
  const { policy, verificationId } = input;
  const requiredApprovals = input.requiredApprovals ?? 1;
  const state: VerificationState = {
    verificationId,
    status: 'created',
    questionCount: 0,
    answers: [],
    policyVersion: policy.version,
  };
  let sessionSignals: ClientSignals | undefined;
  let finishSignals: ClientSignals | undefined;
  let cancelRequest: { reason: CancelReason; by: string } | undefined;
  let answersBeingGraded = 0;
  const questionsBeingAnswered = new Set<string>();
  // Set when the verification starts under an assurance policy: the proofs then decide (docs/assurance.md).
  let ledger: ProofLedger | undefined;
  let proofOptions: ProofOptions | undefined;
  let vouchAsked = false;
  let vouchBeingSent = false;

  // The status the verification row shows. Handlers answer only once it is written, so a caller
  // who reads the verification right after an Update sees its effect.
  let recordedStatus: VerificationStatus = 'created';
  const isOpen = (status = state.status) => OPEN_STATUSES.includes(status);
  const recordedOrClosed = (status: VerificationStatus) => () => recordedStatus === status || !isOpen(recordedStatus);

  wf.setHandler(verificationState, () => state);

  wf.setHandler(
    startSession,
    async (signals) => {
      sessionSignals = signals;
      await wf.condition(recordedOrClosed('in_progress'));
      if (state.status !== 'in_progress') {
        throw wf.ApplicationFailure.nonRetryable(`verification is ${state.status}`, 'VerificationNotOpen');
      }
      return { sessionExpiresAt: state.sessionExpiresAt!, questionCount: state.questionCount };
    },
    {
      validator: (_signals) => {
        // `created` too: with the dev outbox, the link can be read before delivery is acknowledged.
        if (!['created', 'link_sent'].includes(state.status) || sessionSignals) {
          throw new Error(`cannot start a session while ${state.status}`);
        }
      },
    },
  );

  wf.setHandler(
    submitAnswer,
    async (answer) => {
      // Two answers to one question can pass the validator in one activation: the first one sent wins.
      // Histories from before this rule replay without it.
      if (wf.patched('one-answer-per-question')) {
        if (questionsBeingAnswered.has(answer.questionId) || state.answers.some((a) => a.questionId === answer.questionId)) {
          throw wf.ApplicationFailure.nonRetryable('question already answered', 'AnswerRefused');
        }
        questionsBeingAnswered.add(answer.questionId);
      }
      answersBeingGraded++;
      try {
        const graded = await acts.gradeAnswer({ verificationId, ...answer });
        state.answers = [...state.answers.filter((a) => a.questionId !== graded.questionId), graded];
        return { grade: graded.grade };
      } finally {
        answersBeingGraded--;
      }
    },
    {
      validator: (answer) => {
        if (state.status !== 'in_progress' || finishSignals) throw new Error(`cannot answer while ${state.status}`);
        if (state.answers.some((a) => a.questionId === answer.questionId) || questionsBeingAnswered.has(answer.questionId)) {
          throw new Error('question already answered');
        }
      },
    },
  );

  wf.setHandler(
    finishSession,
    async (signals) => {
      finishSignals = signals;
      await wf.condition(() => !isOpen(recordedStatus));
      return { outcome: state.outcome!, reason: state.outcomeReason };
    },
    {
      validator: (_signals) => {
        if (state.status !== 'in_progress' || finishSignals) throw new Error(`cannot finish while ${state.status}`);
      },
    },
  );

  wf.setHandler(
    completeStepUp,
    async (result) => {
      state.stepUp = { matched: result.matched, issuer: result.issuer, at: new Date(Date.now()).toISOString() };
      ledger?.steppedUp(result);
      await acts.recordProgress({ verificationId, status: state.status, stepUp: state.stepUp, ...(ledger && { proofs: state.proofs }) });
    },
    {
      validator: (_result) => {
        if (!policy.idpStepUp) throw new Error('the policy does not offer an IdP sign-in');
        if (state.status !== 'in_progress' || finishSignals) throw new Error(`cannot sign in at the IdP while ${state.status}`);
        if (state.stepUp) throw new Error('the IdP sign-in was already recorded');
      },
    },
  );

  wf.setHandler(
    recordProof,
    async ({ kind, status, detail, evidence }) => {
      const proof = ledger!.add(kind, status, detail, evidence);
      await acts.recordProgress({ verificationId, status: state.status, proofs: state.proofs });
      return proof;
    },
    {
      validator: (input) => {
        if (!ledger) throw new Error('this verification is not decided by proofs');
        if (state.status !== 'in_progress' || finishSignals) throw new Error(`cannot record a proof while ${state.status}`);
        throwIf(ledger.refusal(input));
      },
    },
  );

  wf.setHandler(
    requestVouch,
    async ({ from }) => {
      // Two requests can pass the validator in one activation: only the first sends.
      if (vouchAsked) throw wf.ApplicationFailure.nonRetryable('a vouch was already requested', 'VouchRefused');
      vouchAsked = vouchBeingSent = true;
      const result = await acts
        .requestVouch({ verificationId, userId: input.userId, expiresAt: state.sessionExpiresAt!, from })
        .finally(() => (vouchBeingSent = false));
      const proof = ledger!.vouchRequested(result);
      await acts.recordProgress({ verificationId, status: state.status, proofs: state.proofs });
      return proof;
    },
    {
      validator: (_request) => {
        if (!ledger) throw new Error('this verification is not decided by proofs');
        if (state.status !== 'in_progress' || finishSignals) throw new Error(`cannot ask for a vouch while ${state.status}`);
        throwIf(ledger.vouchRefusal());
      },
    },
  );

  wf.setHandler(
    approveReset,
    async (request) => {
      const approval = { ...request, approvedAt: new Date(Date.now()).toISOString() };
      if (requiredApprovals > 1) {
        // Two updates can pass their validators in one activation: check again, in order.
        if (state.approval || state.approvals?.some((a) => a.approvedBy === request.approvedBy)) {
          throw wf.ApplicationFailure.nonRetryable(refuseApproval(request.approvedBy)!, 'ApprovalRefused');
        }
        state.approvals = [...(state.approvals ?? []), approval];
        if (state.approvals.length < requiredApprovals) {
          await recordApprovals();
          return approval;
        }
      }
      state.approval = approval;
      await wf.condition(() => recordedStatus === 'reset_approved' || recordedStatus === 'reset_completed');
      return state.approval;
    },
    { validator: (request) => throwIf(refuseApproval(request.approvedBy)) },
  );

  wf.setHandler(
    cancelVerification,
    async ({ cancelledBy }) => {
      cancelRequest ??= { reason: 'agent', by: cancelledBy };
      await wf.condition(() => !isOpen(recordedStatus));
    },
    {
      validator: (_request) => {
        if (!isOpen()) throw new Error(`verification is ${state.status}, not open`);
      },
    },
  );

  wf.setHandler(supersede, ({ supersededBy }) => {
    cancelRequest ??= { reason: 'superseded', by: supersededBy };
  });

  /** Why this approver cannot approve now, or undefined when they can. */
  function refuseApproval(approvedBy: string): string | undefined {
    if (state.approval) return 'reset already approved';
    if (state.status !== 'passed') return `verification is ${state.status}, not passed`;
    if (Date.now() >= Date.parse(state.approvalDeadline!)) return 'approval window closed';
    if (state.approvals?.some((a) => a.approvedBy === approvedBy))
      return `a second, different approver is required (${approvedBy} already approved)`;
    return undefined;
  }

  /** Writes the approvals so far, for a reset that needs more than one. */
  async function recordApprovals(): Promise<void> {
    await acts.recordProgress({ verificationId, status: state.status, approvals: state.approvals });
  }

  const setStatus = async (status: VerificationStatus, outcome?: Outcome) => {
    state.status = status;
    if (outcome) state.outcome = outcome;
    wf.upsertSearchAttributes([{ key: statusKey, value: status }, ...(outcome ? [{ key: outcomeKey, value: outcome }] : [])]);
    await acts.recordProgress({
      verificationId,
      status,
      outcome,
      outcomeReason: state.outcomeReason,
      cancelReason: state.cancelReason,
      linkExpiresAt: state.linkExpiresAt,
      sessionExpiresAt: state.sessionExpiresAt,
      approvalDeadline: state.approvalDeadline,
      risk: state.risk,
      approval: state.approval,
      approvals: state.approvals,
      proofs: state.proofs,
      receipt: state.receipt,
    });
    recordedStatus = status;
  };

  const finish = async (outcome: Outcome, reason: string, decision?: OutcomeDecision | AssuredDecision) => {
    state.outcomeReason = reason;
    ledger?.closePending(`before the verification ended (${outcome.replace(/_/g, ' ')})`);
    state.receipt = buildReceipt(outcome, reason, state.proofs ?? [], ledger && policy.assurance, decision);
    if (outcome !== 'passed') await acts.revokeLinks({ verificationId });
    await setStatus(outcome, outcome);
  };

  wf.upsertSearchAttributes([
    { key: targetUserKey, value: input.userId },
    { key: initiatedByKey, value: input.initiatedBy },
  ]);

  await runVerification();
  await wf.condition(wf.allHandlersFinished);
  return state;

  async function runVerification(): Promise<void> {
    // Histories from before proofs, and verifications under the question rule, take none of these steps.
    if (policy.assurance && wf.patched('assurance-proofs')) {
      ledger = new ProofLedger(state, policy.assurance);
      proofOptions = await acts.prepareProofs({ verificationId, userId: input.userId, idpStepUp: !!policy.idpStepUp });
      ledger.prepared(proofOptions);
      // No link to a number the carrier data counts against: whoever holds it now is not the user.
      if (proofOptions.destination.against) return finish('failed', `no link sent: ${proofOptions.destination.detail}`);
    }
    try {
      const link = await acts.deliverLink({
        verificationId,
        userId: input.userId,
        channel: input.channel,
        linkLifetimeSeconds: policy.linkLifetimeSeconds,
      });
      state.linkExpiresAt = link.linkExpiresAt;
    } catch (err) {
      state.cancelReason = 'delivery_failed';
      // The activity's own failure (the provider's refusal) says more than the wrapping ActivityFailure.
      const why = err instanceof wf.ActivityFailure && err.cause ? err.cause.message : (err as Error).message;
      return finish('cancelled', `the link could not be delivered: ${why}`);
    }
    await setStatus('link_sent');

    const linkRemainingMs = Date.parse(state.linkExpiresAt) - Date.now();
    if (!(await wf.condition(() => !!sessionSignals || !!cancelRequest, linkRemainingMs))) {
      return finish('timed_out', 'the link expired before it was used');
    }
    if (cancelRequest) return cancel();
    if (ledger) ledger.linkOpened(proofOptions!);

    state.sessionExpiresAt = new Date(Date.now() + policy.sessionLifetimeSeconds * 1000).toISOString();
    const challenge = await acts.prepareChallenge({
      verificationId,
      userId: input.userId,
      questionsAsked: policy.questionsAsked,
    });
    state.questionCount = challenge.questionCount;
    // Histories from before weighted scoring replay with every question counting 1.
    if (wf.patched('weighted-challenge-score')) state.questionWeight = challenge.questionWeight;
    if (challenge.questionCount < policy.minQuestions) {
      return finish(
        'not_enough_questions',
        `the directory holds data for ${challenge.questionCount} questions, ${policy.minQuestions} needed`,
      );
    }
    await setStatus('in_progress');

    if (!(await wf.condition(() => !!finishSignals || !!cancelRequest, policy.sessionLifetimeSeconds * 1000))) {
      return finish('timed_out', 'the session expired before the user finished');
    }
    if (cancelRequest) return cancel();
    // Answers still being graded, and a vouch request being sent, belong to the session the user just finished.
    await wf.condition(() => answersBeingGraded === 0 && !vouchBeingSent);

    state.risk = await acts.assessRisk({
      verificationId,
      userId: input.userId,
      signals: finishSignals!,
      session: sessionSignals!,
      ...(state.stepUp && { stepUp: state.stepUp }),
    });
    ledger?.sessionEnded();
    const decision = ledger
      ? decideWithProofs(policy, policy.assurance!, state, state.answers, state.risk, state.proofs!, state.stepUp)
      : decideOutcome(policy, state, state.answers, state.risk, state.stepUp);
    if (decision.outcome !== 'passed') return finish(decision.outcome, decision.reason, decision);

    state.approvalDeadline = new Date(Date.now() + policy.approvalWindowSeconds * 1000).toISOString();
    await finish('passed', decision.reason, decision);
    await awaitApproval();
  }

  async function cancel(): Promise<void> {
    state.cancelReason = cancelRequest!.reason;
    return finish('cancelled', `${cancelRequest!.reason === 'superseded' ? 'superseded by' : 'cancelled by'} ${cancelRequest!.by}`);
  }

  async function awaitApproval(): Promise<void> {
    const windowMs = Date.parse(state.approvalDeadline!) - Date.now();
    if (!(await wf.condition(() => !!state.approval, windowMs))) {
      await setStatus('approval_expired');
      return;
    }
    await setStatus('reset_approved');
    // Histories from before the post-approval connector replay without it.
    if (wf.patched('reset-connector')) {
      state.connector = await connector.runResetConnector({ verificationId, userId: input.userId, approval: state.approval! });
    }
    await acts.completeReset({ verificationId, userId: input.userId, approval: state.approval! });
    await setStatus('reset_completed');
  }
}

/** A validator refuses by throwing; the message reaches the caller as the reason. */
function throwIf(reason: string | undefined): void {
  if (reason) throw new Error(reason);
}
