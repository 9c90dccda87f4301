import { Injectable } from '@angular/core';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { problemSlug, settle, sspApi } from '../api/ssp-client';
import { promptFailure, WebAuthnPrompts } from './webauthn';

/**
 * How using the recovery passkey ended: `met` (the verification recorded the proof); `cancelled`
 * or `failed` (the user may try again or go on without it); `unavailable` (it cannot count here:
 * go on); `session_ended`; `error` (the service could not be reached).
 */
export type PasskeyAttempt = 'met' | 'cancelled' | 'failed' | 'unavailable' | 'session_ended' | 'error';

/** The recovery passkey as a proof: the API's prompt, the browser's answer, the API's check. */
@Injectable({ providedIn: 'root' })
export class PasskeyProof {
  constructor(private readonly prompts: WebAuthnPrompts) {}

  async attempt(): Promise<PasskeyAttempt> {
    const options = await settle(() => sspApi.POST('/api/v1/ssp/passkeys/authentication/options'));
    if (!options.data) return attemptAfter(options.error, options.response);
    let answer: AuthenticationResponseJSON;
    try {
      // The options come from @simplewebauthn/server; the generated type only spells its strings more loosely.
      answer = await this.prompts.authenticate(options.data as unknown as PublicKeyCredentialRequestOptionsJSON);
    } catch (error) {
      return promptFailure(error) === 'cancelled' ? 'cancelled' : 'failed';
    }
    const checked = await settle(() => sspApi.POST('/api/v1/ssp/passkeys/authentication/verify', { body: answer as never }));
    return checked.data ? 'met' : attemptAfter(checked.error, checked.response);
  }
}

function attemptAfter(problem: unknown, response: Response | undefined): PasskeyAttempt {
  const slug = problemSlug(problem);
  if (slug === 'passkey-refused' || slug === 'passkey-challenge-invalid') return 'failed';
  if (slug === 'passkey-unavailable' || slug === 'proof-refused') return 'unavailable';
  if (slug === 'session-invalid' || response?.status === 401) return 'session_ended';
  return 'error';
}
