import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Step } from '../verification/verification-flow';

const PAGES: Partial<Record<Step, { title: string; lines: string[]; tone: 'good' | 'stop' | 'neutral' }>> = {
  passed: {
    title: 'You’re verified',
    lines: ['Thank you. Tell the helpdesk agent you have finished; they can now continue with your request.', 'You can close this page.'],
    tone: 'good',
  },
  failed: {
    title: 'We couldn’t verify you online',
    lines: ['Please contact your helpdesk. They will help you another way.', 'You can close this page.'],
    tone: 'stop',
  },
  not_enough: {
    title: 'We couldn’t verify you online',
    lines: ['We don’t have enough information to verify you this way. Please contact your helpdesk; they will help you another way.'],
    tone: 'stop',
  },
  referee: {
    title: 'The helpdesk will check it’s you another way',
    lines: [
      'We couldn’t confirm your identity online. Tell the helpdesk agent: they will arrange a short check in person or on video.',
      'You can close this page.',
    ],
    tone: 'stop',
  },
  invalid: {
    title: 'This link can’t be used',
    lines: ['Links work once and only for a few minutes. If you still need help, ask your helpdesk to send a new link.'],
    tone: 'neutral',
  },
  expired: {
    title: 'Your time ran out',
    lines: ['For your security, verification has a time limit. Ask your helpdesk to send a new link.'],
    tone: 'neutral',
  },
  error: {
    title: 'Something went wrong',
    lines: [
      'We couldn’t reach the verification service. Check your connection and reload this page: you carry on where you were, within the time limit.',
    ],
    tone: 'neutral',
  },
};

/** The end of the journey: verified, or "contact the helpdesk" in plain words. Never says why in detail. */
@Component({
  selector: 'rg-outcome-page',
  template: `
    <div class="outcome" [class]="page().tone">
      <div class="outcome-icon" aria-hidden="true">{{ page().tone === 'good' ? '✓' : page().tone === 'stop' ? '!' : 'i' }}</div>
      <h1 tabindex="-1">{{ page().title }}</h1>
      @for (line of page().lines; track line) {
        <p>{{ line }}</p>
      }
      @if (detail()) {
        <p>{{ detail() }}</p>
      }
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutcomePage {
  readonly step = input.required<Step>();
  readonly detail = input('');
  protected readonly page = computed(() => PAGES[this.step()] ?? PAGES.error!);
}
