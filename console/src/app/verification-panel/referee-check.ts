import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { VerificationView } from '../api/views';
import { Session } from '../auth/session';
import { confirmAction } from '../shared/confirm-dialog';
import { LocalTime } from '../shared/local-time';
import {
  confirmationMessage,
  EVIDENCE_MAX,
  evidenceProblem,
  REFEREE_METHOD,
  REFEREE_VERDICT,
  refereeCheckBody,
  refereeCheckFacts,
  refereeCheckMode,
  type RefereeMethod,
  type RefereeVerdict,
} from './referee-check-facts';

const evidenceValidator = (control: AbstractControl<string>): ValidationErrors | null => {
  const problem = evidenceProblem(control.value ?? '');
  return problem ? { evidence: problem } : null;
};

/**
 * After `needs_referee`: a named second person checks the caller in person or on video and records
 * what they saw, once (docs/assurance.md). Never the agent who started the verification. The check
 * is a record for the organisation's own procedure, not a pass: ResetGate's approval stays closed.
 */
@Component({
  selector: 'rg-referee-check',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, LocalTime],
  templateUrl: './referee-check.html',
  styleUrl: './referee-check.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefereeCheckPanel {
  readonly view = input.required<VerificationView>();
  /** Agents and admins; auditors see the check but no controls. */
  readonly canRecord = input(false);
  readonly recorded = output<VerificationView>();

  private readonly api = inject(ConsoleApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(Session);
  protected readonly methods = Object.entries(REFEREE_METHOD).map(([value, m]) => ({ value: value as RefereeMethod, label: m.label }));
  protected readonly verdicts = Object.entries(REFEREE_VERDICT).map(([value, label]) => ({ value: value as RefereeVerdict, label }));
  protected readonly evidenceMax = EVIDENCE_MAX;
  protected readonly sending = signal(false);
  protected readonly error = signal('');

  protected readonly mode = computed(() => refereeCheckMode(this.view(), this.session.principalId(), this.canRecord()));
  protected readonly facts = computed(() => {
    const check = this.view().refereeCheck;
    return check ? refereeCheckFacts(check) : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    method: [null as RefereeMethod | null, Validators.required],
    verdict: [null as RefereeVerdict | null, Validators.required],
    evidence: ['', evidenceValidator],
  });

  /** A choice left empty, once the person has moved past it or pressed the button. */
  protected showError(name: 'method' | 'verdict'): boolean {
    const control = this.form.controls[name];
    return control.invalid && control.touched;
  }

  protected async record(): Promise<void> {
    if (this.mode() !== 'form' || this.sending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { method, verdict, evidence } = this.form.getRawValue();
    const yes = await confirmAction(this.dialog, {
      title: 'Record the referee’s check?',
      message: confirmationMessage({ method: method!, verdict: verdict! }),
      confirm: 'Record the check',
      cancel: 'Go back',
    });
    if (!yes) return;
    this.sending.set(true);
    this.error.set('');
    try {
      const view = await this.api.data<VerificationView>(
        this.api.client.POST('/api/v1/verifications/{id}/referee-check', {
          params: { path: { id: this.view().id } },
          body: refereeCheckBody({ method: method!, verdict: verdict!, evidence }),
        }),
      );
      this.recorded.emit(view);
      this.form.reset();
    } catch (err) {
      this.error.set(describeError(err));
    } finally {
      this.sending.set(false);
    }
  }
}
