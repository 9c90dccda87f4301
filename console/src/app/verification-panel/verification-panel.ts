import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, linkedSignal, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { Transcript, VerificationView } from '../api/views';
import { PAGE_ROLES } from '../auth/roles';
import { Session } from '../auth/session';
import { confirmAction } from '../shared/confirm-dialog';
import { NETWORK_KIND, OPEN_STATUSES, principalName, REASON, STATUS } from '../shared/labels';
import { LocalTime } from '../shared/local-time';
import { StatusChip } from '../shared/status-chip';
import { LiveIndicator } from '../verifications/live-indicator';
import { LiveSinceLoad } from '../verifications/live-since-load';
import { VerificationEvents } from '../verifications/verification-events';
import { ProofList } from './proof-list';
import { ProofReceipt } from './proof-receipt';
import { RefereeCheckPanel } from './referee-check';
import { ReplayTimeline } from './replay-timeline';
import { ResetApproval } from './reset-approval';
import { RiskSummary } from './risk-summary';
import { TranscriptTable } from './transcript-table';
import { UserPasskeys } from './user-passkeys';
import { OUTLINED_FIELDS } from '../shared/form-fields';

/** Everything about one verification: where it stands, why, what the caller answered, and the reset gate. */
@Component({
  selector: 'rg-verification-panel',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    LocalTime,
    StatusChip,
    LiveIndicator,
    ProofList,
    ProofReceipt,
    RiskSummary,
    ResetApproval,
    RefereeCheckPanel,
    TranscriptTable,
    ReplayTimeline,
    UserPasskeys,
  ],
  templateUrl: './verification-panel.html',
  styleUrl: './verification-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class VerificationPanel {
  /** From the route: /console/verifications/:id */
  readonly id = input.required<string>();

  private readonly api = inject(ConsoleApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly session = inject(Session);
  protected readonly status = STATUS;
  protected readonly reasons = REASON;
  protected readonly networkKinds = NETWORK_KIND;
  protected readonly principalName = principalName;
  protected readonly canAct = computed(() => this.session.hasAnyRole(PAGE_ROLES.approve));
  protected readonly canReplay = computed(() => this.session.hasAnyRole(PAGE_ROLES.replay));

  /** Bumped when the live stream may have missed changes: a new load, even over one still running. */
  private readonly resyncs = signal(0);
  private readonly liveSinceLoad = new LiveSinceLoad();
  private readonly loaded = resource({
    params: () => ({ id: this.id(), resync: this.resyncs() }),
    loader: ({ params, abortSignal }) => {
      this.liveSinceLoad.reset();
      return this.api.data<VerificationView>(
        this.api.client.GET('/api/v1/verifications/{id}', { params: { path: { id: params.id } }, signal: abortSignal }),
      );
    },
  });
  /**
   * The verification as last seen: loaded, then replaced by each live update and each action's
   * answer. Kept on screen while a resync loads it again; never shown under another one's id.
   */
  protected readonly view = linkedSignal<{ id: string; loaded?: VerificationView }, VerificationView | undefined>({
    source: () => ({ id: this.id(), loaded: this.loaded.hasValue() ? this.loaded.value() : undefined }),
    computation: ({ id, loaded }, previous) => {
      if (loaded?.id === id) return this.liveSinceLoad.latest(loaded);
      return previous?.value?.id === id ? previous.value : undefined;
    },
  });
  protected readonly loadError = computed(() => (this.loaded.status() === 'error' ? describeError(this.loaded.error()) : ''));
  protected readonly isOpen = computed(() => OPEN_STATUSES.includes(this.view()?.status ?? 'created'));
  protected readonly transcript = resource({
    // Reloaded when the status changes: answers arrive while the caller verifies.
    params: () => (this.view() ? `${this.view()!.id} ${this.view()!.status}` : undefined),
    loader: ({ params, abortSignal }) =>
      this.api.data<Transcript>(
        this.api.client.GET('/api/v1/verifications/{id}/transcript', {
          params: { path: { id: params.split(' ')[0] } },
          signal: abortSignal,
        }),
      ),
  });
  protected readonly transcriptItems = linkedSignal<Transcript | undefined, Transcript['items'] | undefined>({
    source: () => (this.transcript.hasValue() ? this.transcript.value() : undefined),
    computation: (t, previous) => t?.items ?? previous?.value,
  });
  protected readonly actionError = signal('');
  protected readonly busy = signal(false);

  constructor() {
    const stop = inject(VerificationEvents).listen({
      update: (view) => {
        if (view.id !== this.id()) return;
        this.liveSinceLoad.record(view);
        this.view.set(view);
      },
      resync: () => this.resyncs.update((n) => n + 1),
    });
    inject(DestroyRef).onDestroy(stop);
  }

  protected async cancel(): Promise<void> {
    const v = this.view();
    if (!v) return;
    const yes = await confirmAction(this.dialog, {
      title: 'Cancel this verification?',
      message: `The link sent to ${v.user.name} stops working at once. This cannot be undone.`,
      confirm: 'Cancel verification',
      cancel: 'Keep it open',
    });
    if (!yes) return;
    await this.act(() =>
      this.api.data<VerificationView>(this.api.client.POST('/api/v1/verifications/{id}/cancel', { params: { path: { id: v.id } } })),
    );
  }

  protected async resend(): Promise<void> {
    const v = this.view();
    if (!v) return;
    const { openSendLinkDialog } = await import('../send-link/open-send-link');
    const sent = await openSendLinkDialog(this.dialog, {
      user: v.user,
      channel: v.channel,
      reason: v.reason,
      ticketRef: v.ticketRef,
      supersedes: this.isOpen() ? v.id : undefined,
    });
    if (sent) void this.router.navigate(['/verifications', sent.id]);
  }

  protected onApproved(view: VerificationView): void {
    this.view.set(view);
  }

  private async act(call: () => Promise<VerificationView>): Promise<void> {
    this.busy.set(true);
    this.actionError.set('');
    try {
      this.view.set(await call());
    } catch (err) {
      this.actionError.set(describeError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
