import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Session, type SignedOutReason } from './session';

const MESSAGES: Record<SignedOutReason, { text: string; alert: boolean }> = {
  not_signed_in: { text: 'Sign in with your organisation account to see verifications.', alert: false },
  signed_out: { text: 'You are signed out.', alert: false },
  session_ended: { text: 'Your session has ended. Sign in again to carry on; nothing you sent was lost.', alert: true },
  no_role: {
    text: 'You signed in, but your account is in no ResetGate group (agents, auditors or admins). Ask an administrator to add you to one.',
    alert: true,
  },
  access_denied: {
    text: 'The sign-in was cancelled or refused at your identity provider. Try again, or ask your administrator.',
    alert: true,
  },
  sign_in_failed: { text: 'The sign-in could not be completed. Try again.', alert: true },
};

/** What a person who is not signed in sees: why, and one button to sign in. */
@Component({
  selector: 'rg-sign-in-screen',
  imports: [MatButtonModule],
  template: `
    <main class="sign-in" id="main">
      <section class="card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">ResetGate Console</h1>
        <p class="lead">Verify callers before any password reset.</p>
        <p [class.alert]="message().alert" [attr.role]="message().alert ? 'alert' : null">{{ message().text }}</p>
        <a mat-flat-button [href]="signInUrl" class="sign-in-button">Sign in</a>
      </section>
    </main>
  `,
  styleUrl: './sign-in-screen.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInScreen {
  private readonly session = inject(Session);
  protected readonly signInUrl = this.session.signInUrl();
  protected readonly message = computed(() => {
    const state = this.session.state();
    return MESSAGES[state.kind === 'signed_out' ? state.reason : 'not_signed_in'];
  });
}
