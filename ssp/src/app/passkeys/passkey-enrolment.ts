import { Injectable, signal } from '@angular/core';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { problemSlug, settle, sspApi } from '../api/ssp-client';
import { promptFailure, WebAuthnPrompts } from './webauthn';

/**
 * - `offered`: after a pass, the page offers to add a passkey (with a note when the last try was cancelled or failed);
 * - `adding`: the browser's prompt is open;
 * - `added`, `already_added`: done;
 * - `closed`: the few minutes after the pass are over, or the grant was used;
 * - `declined`: the user said not now.
 */
export type EnrolmentState = 'offered' | 'adding' | 'added' | 'already_added' | 'closed' | 'declined';
export type EnrolmentNotice = 'cancelled' | 'failed' | null;

/** "Add a recovery passkey for next time", right after a pass, with the grant the finish answer set as a cookie. */
@Injectable({ providedIn: 'root' })
export class PasskeyEnrolment {
  readonly state = signal<EnrolmentState | null>(null);
  readonly notice = signal<EnrolmentNotice>(null);

  constructor(private readonly prompts: WebAuthnPrompts) {}

  /** The finish answer offered it; a browser without passkeys never shows it. */
  offer(): void {
    if (this.prompts.supported()) this.state.set('offered');
  }

  decline(): void {
    this.state.set('declined');
  }

  async add(): Promise<void> {
    if (this.state() !== 'offered') return;
    this.state.set('adding');
    this.notice.set(null);
    const options = await settle(() => sspApi.POST('/api/v1/ssp/passkeys/registration/options'));
    if (!options.data) return this.refused(options.error);
    let answer: RegistrationResponseJSON;
    try {
      // The options come from @simplewebauthn/server; the generated type only spells its strings more loosely.
      answer = await this.prompts.register(options.data as unknown as PublicKeyCredentialCreationOptionsJSON);
    } catch (error) {
      const failure = promptFailure(error);
      if (failure === 'already_added') return this.state.set('already_added');
      this.notice.set(failure);
      return this.state.set('offered');
    }
    const checked = await settle(() => sspApi.POST('/api/v1/ssp/passkeys/registration/verify', { body: answer as never }));
    if (!checked.data) return this.refused(checked.error);
    this.state.set('added');
  }

  private refused(problem: unknown): void {
    const slug = problemSlug(problem);
    if (slug === 'passkey-enrolment-invalid' || slug === 'passkey-unavailable') return this.state.set('closed');
    this.notice.set('failed');
    this.state.set('offered');
  }
}
