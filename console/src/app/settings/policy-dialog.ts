import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  type FormControl,
  type FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { map } from 'rxjs';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { PolicyEdit, ProofKind, Settings } from '../api/views';
import { OUTLINED_FIELDS } from '../shared/form-fields';
import {
  ASSURANCE_MODE,
  type AssurancePolicy,
  type AssurancePolicyName,
  type AssuranceSettings,
  assuranceFormProblems,
  POLICY_WHO,
  policyPasses,
  PROOF_KINDS,
  proofLabel,
} from './assurance-words';

const minutes = (seconds: number) => Math.round((seconds / 60) * 100) / 100;
const seconds = (minutes: number) => Math.round(minutes * 60);
const wholeNumber = (c: AbstractControl<number>): ValidationErrors | null => (Number.isInteger(c.value) ? null : { whole: true });
/** Groups one per line or separated by commas, as people paste them from their IdP. */
const groupList = (text: string) => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((g) => g.trim())
      .filter(Boolean),
  ),
];

type Ticks = FormGroup<Record<ProofKind, FormControl<boolean>>>;
type PolicyForm = FormGroup<{ required: Ticks; count: FormControl<number>; from: Ticks }>;
interface AssuranceFormValue {
  mode: AssuranceSettings['mode'];
  standard: ReturnType<PolicyForm['getRawValue']>;
  privileged: ReturnType<PolicyForm['getRawValue']>;
}

/** The ticks as the API takes them: each policy's proofs in the panel's order. */
function assuranceSettings(f: AssuranceFormValue): AssuranceSettings {
  const ticked = (ticks: Record<ProofKind, boolean>) => PROOF_KINDS.filter((kind) => ticks[kind]);
  const policy = (name: AssurancePolicyName) => ({
    name,
    required: ticked(f[name].required),
    strong: { count: f[name].count, from: ticked(f[name].from) },
  });
  return { mode: f.mode, standard: policy('standard'), privileged: policy('privileged') };
}

/**
 * Edits the policies and limits and saves them as a new version. Times are in minutes here (the
 * API takes seconds). New verifications use the new version; open ones keep theirs.
 */
@Component({
  selector: 'rg-policy-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatProgressBarModule,
  ],
  templateUrl: './policy-dialog.html',
  styleUrl: './policy-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class PolicyDialog {
  private readonly api = inject(ConsoleApi);
  private readonly ref = inject<MatDialogRef<PolicyDialog, Settings>>(MatDialogRef);
  protected readonly current = inject<Settings>(MAT_DIALOG_DATA);
  protected readonly saving = signal(false);
  protected readonly problem = signal('');

  private readonly p = this.current.policy;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly kinds = PROOF_KINDS;
  protected readonly proofLabel = proofLabel;
  protected readonly modes = ASSURANCE_MODE;
  protected readonly policyNames: readonly AssurancePolicyName[] = ['standard', 'privileged'];
  protected readonly who = POLICY_WHO;
  protected readonly counts = PROOF_KINDS.map((_, i) => i + 1);
  protected readonly form = this.fb.group(
    {
      linkMinutes: [minutes(this.p.linkLifetimeSeconds), [Validators.required, Validators.min(1), Validators.max(1440)]],
      sessionMinutes: [minutes(this.p.sessionLifetimeSeconds), [Validators.required, Validators.min(1), Validators.max(60)]],
      questionsAsked: [this.p.questionsAsked],
      minAnswered: [this.p.minAnswered],
      passThreshold: [this.p.passThreshold, [Validators.required, Validators.min(0), Validators.max(1)]],
      riskStepUp: [this.p.riskStepUp ?? 0, [Validators.required, Validators.min(0), Validators.max(1)]],
      maxRisk: [this.p.maxRisk, [Validators.required, Validators.min(0), Validators.max(10)]],
      approvalMinutes: [minutes(this.p.approvalWindowSeconds), [Validators.required, Validators.min(1), Validators.max(1440)]],
      idpStepUp: [this.p.idpStepUp ?? false],
      maxPerDay: [
        this.current.limits.maxVerificationsPerUserPerDay,
        [Validators.required, Validators.min(1), Validators.max(1000), wholeNumber],
      ],
      privilegedGroups: [this.current.privilegedGroups.join('\n')],
      agentsSeeRiskScore: [this.current.agentsSeeRiskScore],
      assurance: this.fb.group({
        mode: [this.current.assurance.mode],
        standard: this.policyForm(this.current.assurance.standard),
        privileged: this.policyForm(this.current.assurance.privileged),
      }),
      note: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(500)]],
    },
    {
      validators: (group: AbstractControl): ValidationErrors | null => {
        const { questionsAsked, minAnswered } = group.value as { questionsAsked: number; minAnswered: number };
        return minAnswered > questionsAsked ? { minAnswered: true } : null;
      },
    },
  );
  /** The assurance as it would be saved, and what stops it, live as the admin ticks. */
  private readonly assuranceForm = toSignal(
    this.form.controls.assurance.valueChanges.pipe(map(() => this.form.controls.assurance.getRawValue())),
    {
      initialValue: this.form.controls.assurance.getRawValue(),
    },
  );
  protected readonly assurance = computed(() => assuranceSettings(this.assuranceForm()));
  protected readonly assuranceProblems = computed(() => assuranceFormProblems(this.assurance()));

  protected passes(name: AssurancePolicyName): string {
    return policyPasses(this.assurance()[name]);
  }

  private policyForm(p: AssurancePolicy): PolicyForm {
    const ticks = (picked: readonly ProofKind[]) =>
      this.fb.group(Object.fromEntries(PROOF_KINDS.map((kind) => [kind, picked.includes(kind)])) as Record<ProofKind, boolean>);
    return this.fb.group({ required: ticks(p.required), count: [p.strong.count], from: ticks(p.strong.from) });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.assuranceProblems().length || this.saving()) return;
    const f = this.form.getRawValue();
    const { mode, standard, privileged } = this.assurance();
    const body: PolicyEdit = {
      basedOnVersion: this.p.version,
      note: f.note.trim(),
      policy: {
        linkLifetimeSeconds: seconds(f.linkMinutes),
        sessionLifetimeSeconds: seconds(f.sessionMinutes),
        questionsAsked: f.questionsAsked,
        minAnswered: f.minAnswered,
        passThreshold: f.passThreshold,
        riskStepUp: f.riskStepUp,
        maxRisk: f.maxRisk,
        approvalWindowSeconds: seconds(f.approvalMinutes),
        idpStepUp: f.idpStepUp,
      },
      maxVerificationsPerUserPerDay: f.maxPerDay,
      privilegedGroups: groupList(f.privilegedGroups),
      agentsSeeRiskScore: f.agentsSeeRiskScore,
      // The server names the two policies.
      assurance: {
        mode,
        standard: { required: standard.required, strong: standard.strong },
        privileged: { required: privileged.required, strong: privileged.strong },
      },
    };
    this.saving.set(true);
    this.problem.set('');
    try {
      this.ref.close(await this.api.data<Settings>(this.api.client.PUT('/api/v1/settings/policy', { body })));
    } catch (err) {
      this.problem.set(describeError(err));
    } finally {
      this.saving.set(false);
    }
  }
}
