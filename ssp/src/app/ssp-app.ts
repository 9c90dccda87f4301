import { ChangeDetectionStrategy, Component, effect, ElementRef, inject, viewChild } from '@angular/core';
import { PasskeyEnrolmentOffer } from './passkeys/passkey-enrolment-offer';
import { Countdown } from './steps/countdown';
import { OutcomePage } from './steps/outcome-page';
import { PasskeyStep } from './steps/passkey-step';
import { type AnswerEvent, QuestionStep } from './steps/question-step';
import { VerificationFlow } from './verification/verification-flow';

/** The Self-Service Portal: one screen at a time, phone first. */
@Component({
  selector: 'rg-ssp',
  imports: [QuestionStep, OutcomePage, Countdown, PasskeyStep, PasskeyEnrolmentOffer],
  templateUrl: './ssp-app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SspApp {
  protected readonly flow = inject(VerificationFlow);
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
