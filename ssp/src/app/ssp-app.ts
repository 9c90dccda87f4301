import { ChangeDetectionStrategy, Component, effect, ElementRef, inject, viewChild } from '@angular/core';
import { IdentityDocumentNotice } from './identity-document/identity-document-notice';
import { IdentityDocumentStep } from './identity-document/identity-document-step';
import { PasskeyEnrolmentOffer } from './passkeys/passkey-enrolment-offer';
import { Countdown } from './steps/countdown';
import { OutcomePage } from './steps/outcome-page';
import { PasskeyStep } from './steps/passkey-step';
import { type AnswerEvent, QuestionStep } from './steps/question-step';
import { VerificationFlow } from './verification/verification-flow';
import { VouchPage } from './vouch/vouch-page';
import { onVouchPage } from './vouch/vouch-route';
import { VouchStep } from './vouch/vouch-step';

/** The Self-Service Portal: one screen at a time, phone first. */
@Component({
  selector: 'rg-ssp',
  imports: [
    QuestionStep,
    OutcomePage,
    Countdown,
    PasskeyStep,
    PasskeyEnrolmentOffer,
    VouchStep,
    VouchPage,
    IdentityDocumentStep,
    IdentityDocumentNotice,
  ],
  templateUrl: './ssp-app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SspApp {
  protected readonly flow = inject(VerificationFlow);
  /** The manager answering a vouch request, not the user verifying themselves. */
  protected readonly vouchPage = onVouchPage();
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // Each new screen moves focus to its heading, so screen readers announce it.
    effect(() => {
      this.flow.step();
      this.flow.index();
      queueMicrotask(() => this.main().nativeElement.querySelector<HTMLElement>('h1, legend, label.question-text')?.focus());
    });
  }

  protected onAnswer(event: AnswerEvent): void {
    void this.flow.answer(event.value, event.elapsedMs, event.pasted);
  }
}
