import { computed, Injectable, signal } from '@angular/core';
import { newAttemptKey, problemSlug, type SessionQuestion, settle, sspApi } from '../api/ssp-client';
import { forgetStartAttempt, startAttempt } from './start-attempt';
import { IdentityDocumentProof } from '../identity-document/identity-document-proof';
import { PasskeyEnrolment } from '../passkeys/passkey-enrolment';
import { PasskeyProof } from '../passkeys/passkey-proof';
import { WebAuthnPrompts } from '../passkeys/webauthn';
import { VOUCH_POLL_MS, VouchRequest } from '../vouch/vouch-request';
import { onVouchPage } from '../vouch/vouch-route';
import { PageSignals } from './page-signals';

export type Step =
  | 'landing'
  | 'starting'
  | 'passkey'
  | 'step_up'
  | 'identity_document'
  | 'vouch'
  | 'vouch_wait'
  | 'question'
  | 'finishing'
  | 'passed'
  | 'failed'
  | 'not_enough'
  | 'referee'
  | 'invalid'
  | 'expired'
  | 'error';

/** The page each outcome ends on; anything else is "contact the helpdesk". */
const FINISHED_STEP: Record<string, Step> = { passed: 'passed', not_enough_questions: 'not_enough', needs_referee: 'referee' };
/** What came back from the organisation's sign-in page (`?stepUp=` on return). */
export type StepUpReturn = 'matched' | 'mismatch' | 'cancelled' | 'closed' | null;
/** What the page says after the passkey step: confirmed (on the next screens), or why to try again. */
export type PasskeyNotice = 'confirmed' | 'cancelled' | 'failed' | null;
export type AnswerValue = { optionId: string } | { optionIds: string[] } | { text: string } | null;

/**
 * The user's journey as a small state machine. The link token is read from the URL fragment,
 * then removed from the address bar; nothing is spent until the user presses Start.
 */
@Injectable({ providedIn: 'root' })
export class VerificationFlow {
  readonly step = signal<Step>('landing');
  readonly questions = signal<SessionQuestion[]>([]);
  readonly index = signal(0);
  readonly sessionExpiresAt = signal<Date | null>(null);
  readonly busy = signal(false);
  readonly errorDetail = signal('');
  readonly stepUpReturn = signal<StepUpReturn>(null);
  readonly passkeyNotice = signal<PasskeyNotice>(null);
  readonly current = computed(() => this.questions()[this.index()]);

  private readonly token: string | null;
  /** Made before Start and sent with every try of it, reloads included: a retry resumes the session a lost answer opened. */
  private readonly startAttempt: string = newAttemptKey();
  private stepUpOffered = false;
  private vouchOffered = false;

  constructor(
    private readonly signals: PageSignals,
    private readonly prompts: WebAuthnPrompts,
    private readonly passkeyProof: PasskeyProof,
    private readonly enrolment: PasskeyEnrolment,
    readonly vouch: VouchRequest,
    readonly documents: IdentityDocumentProof = new IdentityDocumentProof(),
  ) {
    // The manager's page has its own token and journey (vouch/vouch-page.ts).
    if (onVouchPage()) {
      this.token = null;
      return;
    }
    const match = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
    const attempt = startAttempt(match?.[1] ?? null);
    this.token = attempt?.token ?? null;
    if (attempt) this.startAttempt = attempt.key;
    const stepUp = new URLSearchParams(location.search).get('stepUp');
    if (location.hash || stepUp || this.documents.returned) history.replaceState(null, '', location.pathname);
    if (stepUp) {
      // Back from the organisation's sign-in page: the session cookie carries on where we were.
      this.stepUpReturn.set((['matched', 'mismatch', 'cancelled', 'closed'] as const).find((s) => s === stepUp) ?? 'cancelled');
      this.step.set('starting');
      void this.loadQuestions(false);
    } else if (this.documents.returned) {
      // Back from the identity-verification provider: as from the sign-in page.
      this.step.set('starting');
      void this.loadQuestions(false);
    } else if (!this.token) this.step.set('invalid');
  }

  async start(): Promise<void> {
    if (!this.token || this.busy()) return;
    this.busy.set(true);
    this.step.set('starting');
    const { data, error, response } = await settle(
      () =>
        sspApi.POST('/api/v1/ssp/sessions', {
          body: { token: this.token!, signals: this.signals.snapshot() },
          headers: { 'Idempotency-Key': this.startAttempt },
        }),
      { retry: true },
    );
    this.busy.set(false);
    if (error || !data) return this.fail(response?.status, error);
    if (data.status === 'not_enough_questions') {
      forgetStartAttempt();
      return this.step.set('not_enough');
    }
    await this.loadQuestions(true);
  }

  /** Leaves for the organisation's sign-in page; it sends the browser back here with ?stepUp=. */
  async signInAtOrganisation(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const { data, error, response } = await settle(() => sspApi.POST('/api/v1/ssp/session/step-up'));
    if (error || !data) {
      this.busy.set(false);
      // Not available after all: the questions still work.
      if (problemSlug(error) === 'step-up-unavailable' || problemSlug(error) === 'sso-unavailable') return this.step.set('question');
      return this.fail(response?.status, error);
    }
    location.assign(data.authorizationUrl);
  }

  skipSignIn(): void {
    this.step.set(this.afterStepUp());
  }

  readonly vouchNotice = signal('');

  /** Emails the manager on file; the user goes on to the questions while the answer comes. */
  async askVouch(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const asked = await this.vouch.ask();
    this.busy.set(false);
    if (asked === 'session_ended') return this.step.set('expired');
    if (asked === 'error') return this.fail(undefined, undefined);
    if (asked === 'unavailable') {
      this.vouchNotice.set('Your manager can’t be asked now. Continue with the questions.');
      return this.step.set('question');
    }
    if (this.vouch.view()?.status === 'unavailable') this.vouchNotice.set(this.vouch.view()!.detail);
  }

  /** Leaves for the identity-verification provider; it sends the browser back here with ?document=. */
  async verifyIdentityDocument(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const started = await this.documents.begin();
    if (started === 'leaving') return;
    this.busy.set(false);
    if (started === 'unavailable') return this.step.set(this.afterIdentityDocument());
    if (started === 'session_ended') return this.step.set('expired');
    this.fail(undefined, undefined);
  }

  skipIdentityDocument(): void {
    this.documents.notice.set(null);
    this.step.set(this.afterIdentityDocument());
  }

  continueFromVouch(): void {
    this.step.set('question');
  }

  /** The user would rather not wait for the manager: the verification is decided on what it has. */
  finishWithoutWaiting(): void {
    this.vouch.stop();
    void this.finish(true);
  }

  /** The browser's passkey prompt, then the API's check; on success the proof is recorded and the journey goes on. */
  async usePasskey(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.passkeyNotice.set(null);
    const attempt = await this.passkeyProof.attempt();
    this.busy.set(false);
    if (attempt === 'cancelled' || attempt === 'failed') return this.passkeyNotice.set(attempt);
    if (attempt === 'session_ended') return this.step.set('expired');
    if (attempt === 'error') return this.fail(undefined, undefined);
    // Met, or it cannot count here after all: either way the next step is the same.
    this.passkeyNotice.set(attempt === 'met' ? 'confirmed' : null);
    this.step.set(this.afterPasskey());
  }

  skipPasskey(): void {
    this.passkeyNotice.set(null);
    this.step.set(this.afterPasskey());
  }

  async answer(value: AnswerValue, elapsedMs: number, pasted: boolean): Promise<void> {
    const question = this.current();
    if (!question || this.busy()) return;
    this.busy.set(true);
    this.stepUpReturn.set(null);
    this.passkeyNotice.set(null);
    this.documents.notice.set(null);
    const { error, response } = await settle(
      () =>
        sspApi.POST('/api/v1/ssp/session/answers', {
          body: { questionId: question.id, answer: value as never, elapsedMs: Math.round(elapsedMs), pasted },
        }),
      { retry: true },
    );
    this.busy.set(false);
    if (error) return this.fail(response?.status, error);
    if (this.index() + 1 < this.questions().length) this.index.update((i) => i + 1);
    else await this.finish();
  }

  expire(): void {
    if (['question', 'landing', 'passkey', 'identity_document', 'vouch', 'vouch_wait'].includes(this.step())) this.step.set('expired');
  }

  /** Right after Start: the passkey first when the user has one, then the organisation's sign-in when offered, then the questions. */
  private async loadQuestions(offerSteps: boolean): Promise<void> {
    const { data, error, response } = await settle(() => sspApi.GET('/api/v1/ssp/session'));
    if (error || !data) return this.fail(response?.status, error);
    this.questions.set(data.questions);
    this.index.set(
      Math.max(
        0,
        data.questions.findIndex((q) => !q.answered),
      ),
    );
    this.sessionExpiresAt.set(new Date(data.sessionExpiresAt));
    this.stepUpOffered = offerSteps && data.stepUp.offered;
    this.documents.load(data.identityDocument);
    const vouch = await this.vouch.load();
    this.vouchOffered = !!vouch?.offered;
    this.vouch.watch();
    this.step.set(offerSteps && data.passkey.offered && this.prompts.supported() ? 'passkey' : this.afterPasskey());
  }

  private afterPasskey(): Step {
    return this.stepUpOffered ? 'step_up' : this.afterStepUp();
  }

  /** The identity document when offered, unless the passkey already gave the strong proof. */
  private afterStepUp(): Step {
    return this.documents.offered() && this.passkeyNotice() !== 'confirmed' ? 'identity_document' : this.afterIdentityDocument();
  }

  /** A vouch is offered unless the passkey or the document already gave the strong proof the check needs. */
  private afterIdentityDocument(): Step {
    return this.vouchOffered && this.passkeyNotice() !== 'confirmed' && this.documents.notice() !== 'met' ? 'vouch' : 'question';
  }

  private async finish(withoutWaiting = false): Promise<void> {
    if (this.step() === 'finishing') return;
    if (this.vouch.pending() && !withoutWaiting) return this.waitForVouch();
    this.step.set('finishing');
    const { data, error, response } = await settle(
      () => sspApi.POST('/api/v1/ssp/session/finish', { body: { signals: this.signals.snapshot() } }),
      { retry: true },
    );
    if (error || !data) return this.fail(response?.status, error);
    forgetStartAttempt();
    if (data.passkeyEnrolment) this.enrolment.offer();
    this.step.set(FINISHED_STEP[data.outcome] ?? 'failed');
  }

  /** The answers are in and the manager has not answered yet: finish as soon as they do, or when the user stops waiting. */
  private async waitForVouch(): Promise<void> {
    this.step.set('vouch_wait');
    while (this.step() === 'vouch_wait' && this.vouch.pending()) {
      await new Promise((resolve) => setTimeout(resolve, VOUCH_POLL_MS));
      if ((await this.vouch.load()) === null) break;
    }
    if (this.step() === 'vouch_wait') await this.finish(true);
  }

  private fail(status: number | undefined, problem: unknown): void {
    const slug = problemSlug(problem);
    const ended = slug === 'link-invalid' || slug === 'session-invalid' || slug === 'answer-refused' || status === 401;
    if (ended) forgetStartAttempt();
    if (slug === 'link-invalid') return this.step.set('invalid');
    if (ended) return this.step.set('expired');
    this.errorDetail.set(slug === 'rate-limited' ? 'Too many attempts from your network. Wait a minute, then try again.' : '');
    this.step.set('error');
  }
}
