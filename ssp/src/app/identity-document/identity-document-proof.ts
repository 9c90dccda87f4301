import { Injectable, signal } from '@angular/core';
import { problemSlug, settle, sspApi } from '../api/ssp-client';

/** What came back from the identity-verification provider (`?document=` on return). */
export type DocumentReturn = 'met' | 'failed' | 'cancelled';
/** What the page says about the document: the provider's result, or that it cannot be checked now. */
export type DocumentNotice = DocumentReturn | 'unavailable' | null;
/** How pressing "Verify with an identity document" ended when the browser did not leave for the provider. */
export type DocumentStart = 'leaving' | 'unavailable' | 'session_ended' | 'error';

const RETURNS: readonly DocumentReturn[] = ['met', 'failed', 'cancelled'];

/**
 * The identity document as a proof: the API sends the browser to the identity-verification
 * provider, which checks a document and a selfie; the API redeems its answer and sends the browser
 * back here with `?document=met|failed|cancelled`. The session cookie carries on where we were.
 */
@Injectable({ providedIn: 'root' })
export class IdentityDocumentProof {
  /** Whether the session offers the step (a provider is configured, the policy counts it, not done yet). */
  readonly offered = signal(false);
  readonly notice = signal<DocumentNotice>(null);
  /** This page load is the return from the provider. */
  readonly returned: boolean;

  constructor() {
    const value = new URLSearchParams(location.search).get('document');
    this.returned = value !== null;
    if (value !== null) this.notice.set(RETURNS.find((r) => r === value) ?? 'cancelled');
  }

  /** The session view's `identityDocument`. */
  load(view: { offered: boolean; done: boolean } | undefined): void {
    this.offered.set(!!view?.offered);
  }

  /** Leaves for the provider's page, or says why not. */
  async begin(): Promise<DocumentStart> {
    const { data, error, response } = await settle(() => sspApi.POST('/api/v1/ssp/session/identity-document'));
    if (data) {
      location.assign(data.authorizationUrl);
      return 'leaving';
    }
    const slug = problemSlug(error);
    if (['identity-document-unavailable', 'identity-verification-unavailable', 'rate-limited'].includes(slug)) {
      this.offered.set(false);
      this.notice.set('unavailable');
      return 'unavailable';
    }
    if (slug === 'session-invalid' || response?.status === 401) return 'session_ended';
    return 'error';
  }
}
