import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { SspVouchView } from './vouch-request';

/**
 * "Ask your manager to vouch for you": offered after Start to a user with a manager on file. The
 * manager gets an email, signs in, and confirms they just spoke to the user on video or in person.
 * Optional, and the user can answer the questions while the manager reads their email.
 */
@Component({
  selector: 'rg-vouch-step',
  template: `
    @switch (view()?.status) {
      @case ('pending') {
        <h1 tabindex="-1">We asked {{ view()?.voucherName ?? 'your manager' }}</h1>
        <p role="status" class="notice">Waiting for their answer. This page updates by itself.</p>
        <ol class="facts">
          <li>Call or video {{ view()?.voucherName ?? 'your manager' }} now.</li>
          <li>Ask them to open the email “asks you to vouch for them” and sign in.</li>
          <li>They confirm they’ve just spoken to you.</li>
        </ol>
        <button type="button" class="primary" (click)="continue.emit()">Answer the questions while I wait</button>
      }
      @case ('met') {
        <h1 tabindex="-1">{{ view()?.voucherName ?? 'Your manager' }} vouched for you</h1>
        <p role="status" class="notice">Thanks. Now a few questions.</p>
        <button type="button" class="primary" (click)="continue.emit()">Continue</button>
      }
      @case ('against') {
        <h1 tabindex="-1">{{ view()?.voucherName ?? 'Your manager' }} did not vouch for you</h1>
        <p role="status" class="notice warning">They said they haven’t spoken to you. The helpdesk can’t go on with this check.</p>
        <button type="button" class="secondary" (click)="continue.emit()">Continue</button>
      }
      @default {
        <h1 tabindex="-1">Ask your manager to vouch for you</h1>
        <p>
          We’ll email {{ view()?.voucherName ?? 'your manager' }} at their work address. They sign in and confirm they’ve just spoken to you
          on video or in person. It’s one of the proofs the helpdesk needs.
        </p>
        @if (notice()) {
          <p class="notice warning" role="status">{{ notice() }}</p>
        }
        <button type="button" class="primary" [disabled]="busy()" (click)="ask.emit()">Ask my manager</button>
        <button type="button" class="secondary" [disabled]="busy()" (click)="continue.emit()">I can’t reach them — continue</button>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VouchStep {
  readonly view = input<SspVouchView | null>(null);
  readonly busy = input(false);
  readonly notice = input('');
  readonly ask = output<void>();
  readonly continue = output<void>();
}
