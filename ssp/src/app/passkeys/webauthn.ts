import { Injectable } from '@angular/core';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** How a passkey prompt can end short of an answer, in the page's own terms. */
export type PromptFailure = 'cancelled' | 'already_added' | 'failed';

/**
 * The browser's passkey prompts, through @simplewebauthn/browser. It is loaded only when a passkey
 * is used, so the first screen stays within the SSP's size goal on a slow phone network.
 */
@Injectable({ providedIn: 'root' })
export class WebAuthnPrompts {
  /** Whether this browser can use passkeys at all: without it the page never offers one. */
  supported(): boolean {
    return typeof (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential === 'function';
  }

  async authenticate(optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON> {
    const { startAuthentication } = await import('@simplewebauthn/browser');
    return startAuthentication({ optionsJSON });
  }

  async register(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
    const { startRegistration } = await import('@simplewebauthn/browser');
    return startRegistration({ optionsJSON });
  }
}

/**
 * What a prompt's error means for the user. The browser says NotAllowedError both when the user
 * cancels and when the prompt times out; either way they can simply try again.
 */
export function promptFailure(error: unknown): PromptFailure {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') return 'already_added';
  if (name === 'NotAllowedError' || name === 'AbortError') return 'cancelled';
  return 'failed';
}
