import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import type { components } from '../api/schema';
import { problemSlug, settle, sspApi } from '../api/ssp-client';

type VouchRequestView = components['schemas']['VouchRequestView'];
type Screen = 'landing' | 'loading' | 'request' | 'confirmed' | 'refused' | 'mismatch' | 'cancelled' | 'closed' | 'invalid' | 'error';

/** What came back from the organisation's sign-in page (`?vouch=` on return). */
const RETURNS: Record<string, Screen> = { signed_in: 'loading', mismatch: 'mismatch', cancelled: 'cancelled', closed: 'closed' };

/**
 * The manager's page, from the vouch email: sign in with the work account, see who is asking, why
 * and from where, then confirm (only after speaking to them on video or in person) or refuse.
 * The token is read from the fragment and removed from the address bar at once.
 */
@Component({
  selector: 'rg-vouch-page',
  template: `
    @switch (screen()) {
      @case ('landing') {
        <h1 tabindex="-1">Someone asked you to vouch for them</h1>
        <p>A person on the phone with the helpdesk named you, as their manager, to confirm it’s really them.</p>
        <p>Sign in with your work account to see who is asking and why.</p>
        <button type="button" class="primary" [disabled]="busy()" (click)="signIn()">Sign in with my work account</button>
        <p class="small">Not expecting this? Don’t sign in. Tell your security team.</p>
      }
      @case ('loading') {
        <h1 tabindex="-1">Loading the request…</h1>
      }
      @case ('request') {
        @if (request(); as r) {
          <h1 tabindex="-1">Is this really {{ r.requester.name }}?</h1>
          <dl class="facts">
            <dt>Who</dt>
            <dd>
              {{ r.requester.name }}{{ r.requester.title ? ', ' + r.requester.title : ''
              }}{{ r.requester.department ? ' (' + r.requester.department + ')' : '' }}
            </dd>
            <dt>Why</dt>
            <dd>
              The helpdesk ({{ r.agent }}) is checking their identity before a {{ r.reason
              }}{{ r.ticketRef ? ', ticket ' + r.ticketRef : '' }}.
            </dd>
            <dt>From</dt>
            <dd>{{ r.from.ip ?? 'an unknown address' }}{{ r.from.device ? ' · ' + r.from.device : '' }}</dd>
            <dt>Asked</dt>
            <dd>{{ clock(r.askedAt) }} · answer by {{ clock(r.expiresAt) }}</dd>
          </dl>
          <p>
            <strong>Only confirm if you have just spoken to {{ r.requester.name }} on video or in person</strong> and they told you they
            asked for this.
          </p>
          <fieldset class="how">
            <legend>How did you speak to them?</legend>
            <label><input type="radio" name="how" value="video" (change)="how.set('video')" /> On video</label>
            <label><input type="radio" name="how" value="in_person" (change)="how.set('in_person')" /> In person</label>
          </fieldset>
          @if (notice()) {
            <p class="notice warning" role="status">{{ notice() }}</p>
          }
          <button type="button" class="primary" [disabled]="busy() || !how()" (click)="decide('confirm')">Yes, it’s them — I vouch</button>
          <button type="button" class="secondary danger" [disabled]="busy()" (click)="decide('refuse')">
            No, I haven’t spoken to them
          </button>
        }
      }
      @case ('confirmed') {
        <h1 tabindex="-1">Thank you</h1>
        <p role="status" class="notice">
          You vouched for {{ request()?.requester?.name }}. The helpdesk sees it now. You can close this page.
        </p>
      }
      @case ('refused') {
        <h1 tabindex="-1">Thank you: nothing will be changed</h1>
        <p role="status" class="notice warning">
          The helpdesk and the security team were alerted. Nothing will be changed on {{ request()?.requester?.name }}’s account.
        </p>
      }
      @case ('mismatch') {
        <h1 tabindex="-1">You signed in as someone else</h1>
        <p>Only the person this email was sent to can answer. Open the link again and sign in with your own work account.</p>
      }
      @case ('cancelled') {
        <h1 tabindex="-1">You didn’t sign in</h1>
        <p>Open the link in the email again to answer the request.</p>
      }
      @case ('closed') {
        <h1 tabindex="-1">This request is closed</h1>
        <p>It was already answered, it expired, or the check it belonged to has ended. Nothing more is needed from you.</p>
      }
      @case ('invalid') {
        <h1 tabindex="-1">This link isn’t valid any more</h1>
        <p>It was already used, it expired, or the check has ended. Nothing more is needed from you.</p>
      }
      @default {
        <h1 tabindex="-1">Something went wrong</h1>
        <p>Try again in a minute. If it keeps happening, tell the helpdesk.</p>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VouchPage {
  protected readonly screen = signal<Screen>('landing');
  protected readonly request = signal<VouchRequestView | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal('');
  protected readonly how = signal<'video' | 'in_person' | null>(null);
  private readonly token: string | null;

  constructor() {
    this.token = /(?:^#|&)token=([\w-]+)/.exec(location.hash)?.[1] ?? null;
    const returned = new URLSearchParams(location.search).get('vouch');
    if (location.hash || returned) history.replaceState(null, '', location.pathname);
    if (returned) {
      this.screen.set(RETURNS[returned] ?? 'cancelled');
      if (returned === 'signed_in') void this.load();
    } else if (!this.token) this.screen.set('invalid');
  }

  protected async signIn(): Promise<void> {
    if (!this.token || this.busy()) return;
    this.busy.set(true);
    const { data, error } = await settle(() => sspApi.POST('/api/v1/vouches/sign-in', { body: { token: this.token! } }));
    if (data) return location.assign(data.authorizationUrl);
    this.busy.set(false);
    this.screen.set(problemSlug(error) === 'vouch-link-invalid' || problemSlug(error) === 'validation-failed' ? 'invalid' : 'error');
  }

  protected async decide(decision: 'confirm' | 'refuse'): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.notice.set('');
    const body = decision === 'confirm' ? { decision, how: this.how() ?? undefined } : { decision };
    const { data, error } = await settle(() => sspApi.POST('/api/v1/vouches/request/decision', { body }));
    this.busy.set(false);
    if (data) return this.screen.set(data.status);
    const slug = problemSlug(error);
    if (slug === 'vouch-closed' || slug === 'vouch-session-invalid') return this.screen.set('closed');
    this.notice.set('Your answer could not be saved. Try again.');
  }

  /** A time of day in the voucher's own time zone: they compare it with when they spoke. */
  protected clock(iso: string): string {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  private async load(): Promise<void> {
    const { data, error } = await settle(() => sspApi.GET('/api/v1/vouches/request'));
    if (!data) return this.screen.set(problemSlug(error) === 'vouch-session-invalid' ? 'closed' : 'error');
    this.request.set(data);
    this.screen.set(data.status === 'signed_in' ? 'request' : 'closed');
  }
}
