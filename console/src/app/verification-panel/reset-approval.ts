import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { Approval, ResetAction, VerificationView } from '../api/views';
import { Session } from '../auth/session';
import { Clock, remaining } from '../shared/clock';
import { principalName, RESET_ACTION } from '../shared/labels';
import { LocalTime } from '../shared/local-time';

/**
 * The gate: a reset may be approved only after a pass and before the approval window closes.
 * Privileged users need two different approvers; the second must be someone else.
 */
@Component({
  selector: 'rg-reset-approval',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, LocalTime],
  templateUrl: './reset-approval.html',
  styleUrl: './reset-approval.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetApproval {
  readonly view = input.required<VerificationView>();
  /** Agents and admins; auditors see the approvals but no controls. */
  readonly canApprove = input(false);
  readonly approved = output<VerificationView>();

  private readonly api = inject(ConsoleApi);
  private readonly session = inject(Session);
  private readonly clock = inject(Clock);
  protected readonly actions = Object.entries(RESET_ACTION).map(([value, label]) => ({ value: value as ResetAction, label }));
  protected readonly actionLabel = RESET_ACTION;
  protected readonly principalName = principalName;
  protected readonly sending = signal(false);
  protected readonly error = signal('');

  protected readonly approvals = computed<Approval[]>(
    () => this.view().approvals ?? (this.view().resetAction ? [this.view().resetAction!] : []),
  );
  protected readonly required = computed(() => this.view().requiredApprovals || 1);
  private readonly deadline = computed(() => (this.view().approvalDeadline ? Date.parse(this.view().approvalDeadline!) : null));
  protected readonly windowOpen = computed(
    () => this.view().status === 'passed' && this.deadline() !== null && this.clock.now() < this.deadline()!,
  );
  protected readonly countdown = computed(() => (this.deadline() ? remaining(this.deadline()!, this.clock.now()) : ''));
  protected readonly waitingForSecond = computed(() => this.approvals().length > 0 && this.approvals().length < this.required());
  protected readonly alreadyMine = computed(() => this.approvals().some((a) => a.approvedBy === this.session.principalId()));
  /** Why the button cannot be pressed right now, in words; empty when it can. */
  protected readonly blocked = computed(() => {
    const v = this.view();
    if (v.status === 'reset_approved' || v.status === 'reset_completed') return 'The reset has been approved.';
    if (this.alreadyMine()) return 'You recorded the first approval. A different agent must give the second one.';
    if (v.status === 'approval_expired' || (v.status === 'passed' && !this.windowOpen()))
      return 'The approval window has closed. Send a new link to start again.';
    if (v.status === 'needs_referee' && v.refereeCheck?.verdict === 'confirmed')
      return 'The referee confirmed it is them. ResetGate’s approval stays closed: reset under your organisation’s in-person procedure.';
    if (v.status === 'needs_referee' && v.refereeCheck) return 'The referee did not confirm it is them. Do not reset.';
    if (v.status === 'needs_referee') return 'Do not reset. Arrange a check in person or on video by a named second person.';
    if (v.status !== 'passed') return 'A reset can be approved only after the caller passes.';
    return '';
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    action: ['password_reset' as ResetAction, Validators.required],
    note: ['', Validators.maxLength(500)],
    ticketRef: ['', Validators.pattern(/^[\w.:#/-]{1,64}$/)],
  });

  constructor() {
    // The fields stay visible while blocked, so the agent sees what approving will ask for.
    effect(() => (this.blocked() ? this.form.disable({ emitEvent: false }) : this.form.enable({ emitEvent: false })));
  }

  protected async approve(): Promise<void> {
    if (this.blocked() || this.form.invalid || this.sending()) return;
    const { action, note, ticketRef } = this.form.getRawValue();
    const ticket = ticketRef.trim() || this.view().ticketRef || undefined;
    this.sending.set(true);
    this.error.set('');
    try {
      const view = await this.api.data<VerificationView>(
        this.api.client.POST('/api/v1/verifications/{id}/reset-approval', {
          params: { path: { id: this.view().id } },
          body: { action, ...(note.trim() && { note: note.trim() }), ...(ticket && { ticketRef: ticket }) },
        }),
      );
      this.approved.emit(view);
      this.form.reset();
    } catch (err) {
      this.error.set(describeError(err));
    } finally {
      this.sending.set(false);
    }
  }
}
