import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, resource, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime, map } from 'rxjs';
import { ConsoleApi } from '../api/console-api';
import { ApiError, describeError } from '../api/problem';
import type { Channel, DirectoryUser, Reason, VerificationView } from '../api/views';
import { REASON } from '../shared/labels';
import { COUNTRIES, countryByCode, defaultCountry, toE164 } from './phone-number';
import { newIdempotencyKey } from './idempotency-key';
import { OUTLINED_FIELDS } from '../shared/form-fields';

export interface SendLinkPrefill {
  user?: Pick<DirectoryUser, 'id' | 'email' | 'name'>;
  channel?: Channel;
  reason?: Reason;
  ticketRef?: string | null;
  /** Resending: the open verification this one replaces. */
  supersedes?: string;
}

type PickedUser = Pick<DirectoryUser, 'id' | 'email' | 'name'> & Partial<DirectoryUser>;

const TICKET = /^[\w.:#/-]{1,64}$/;

/** Look the caller up, take the number or personal address they give, and send the Verification Portal link. */
@Component({
  selector: 'rg-send-link-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatProgressBarModule,
  ],
  templateUrl: './send-link-dialog.html',
  styleUrl: './send-link-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class SendLinkDialog {
  private readonly api = inject(ConsoleApi);
  private readonly ref = inject<MatDialogRef<SendLinkDialog, VerificationView>>(MatDialogRef);
  protected readonly prefill = inject<SendLinkPrefill>(MAT_DIALOG_DATA);
  protected readonly countries = COUNTRIES;
  protected readonly reasons = Object.entries(REASON).map(([value, label]) => ({ value: value as Reason, label }));

  protected readonly user = signal<PickedUser | null>(this.prefill.user ?? null);
  protected readonly sending = signal(false);
  protected readonly problem = signal('');
  /** One key per distinct submission: a double click or a retry of the same request sends one link. */
  private idempotencyKey: string | null = null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    userQuery: [this.prefill.user?.name ?? '', [Validators.required, () => this.userChosen()]],
    channel: [this.prefill.channel ?? ('sms' as Channel)],
    country: [defaultCountry().code],
    phone: ['', (c: AbstractControl) => this.phoneError(c)],
    email: ['', (c: AbstractControl) => this.emailError(c)],
    reason: [this.prefill.reason ?? ('password_reset' as Reason)],
    ticketRef: [this.prefill.ticketRef ?? '', Validators.pattern(TICKET)],
  });
  protected readonly channel = toSignal(this.form.controls.channel.valueChanges, { initialValue: this.form.controls.channel.value });

  private readonly query = toSignal(
    this.form.controls.userQuery.valueChanges.pipe(
      debounceTime(200),
      map((q) => q.trim()),
    ),
    { initialValue: '' },
  );
  protected readonly matches = resource({
    params: () => {
      const q = this.query();
      return q.length >= 2 && q !== this.user()?.name ? q : undefined;
    },
    loader: ({ params, abortSignal }) =>
      this.api
        .data<{ items: DirectoryUser[] }>(
          this.api.client.GET('/api/v1/directory/users', { params: { query: { q: params, limit: 8 } }, signal: abortSignal }),
        )
        .then((r) => r.items),
  });
  protected readonly matchError = computed(() => (this.matches.status() === 'error' ? describeError(this.matches.error()) : ''));
  /** The number as it will be sent, shown back to the agent to read out. */
  protected readonly e164Preview = signal('');

  constructor() {
    const subscription = this.form.valueChanges.subscribe(() => {
      this.idempotencyKey = null;
      this.problem.set('');
      const result = toE164(countryByCode(this.form.controls.country.value)!, this.form.controls.phone.value);
      this.e164Preview.set('e164' in result ? result.e164 : '');
    });
    // The phone validator reads the country: re-check the number when the country changes.
    const countryChanges = this.form.controls.country.valueChanges.subscribe(() => this.form.controls.phone.updateValueAndValidity());
    const channelChanges = this.form.controls.channel.valueChanges.subscribe(() => {
      this.form.controls.phone.updateValueAndValidity();
      this.form.controls.email.updateValueAndValidity();
    });
    inject(DestroyRef).onDestroy(() => [subscription, countryChanges, channelChanges].forEach((s) => s.unsubscribe()));
    // The validators that read other fields ran before the form existed: run them now.
    this.form.controls.phone.updateValueAndValidity({ emitEvent: false });
    this.form.controls.email.updateValueAndValidity({ emitEvent: false });
  }

  protected display(user: PickedUser | string | null): string {
    return typeof user === 'string' ? user : (user?.name ?? '');
  }

  protected picked(event: MatAutocompleteSelectedEvent): void {
    const user = event.option.value as DirectoryUser;
    this.user.set(user);
    this.form.controls.userQuery.setValue(user.name);
  }

  protected typed(): void {
    // Typing after a choice means looking for someone else.
    if (this.user() && this.form.controls.userQuery.value !== this.user()!.name) this.user.set(null);
    this.form.controls.userQuery.updateValueAndValidity({ emitEvent: false });
  }

  protected async send(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.sending()) return;
    const v = this.form.getRawValue();
    const destination = v.channel === 'sms' ? this.e164Preview() : v.email.trim();
    this.idempotencyKey ??= newIdempotencyKey();
    this.sending.set(true);
    try {
      const view = await this.api.data<VerificationView>(
        this.api.client.POST('/api/v1/verifications', {
          params: { header: { 'Idempotency-Key': this.idempotencyKey } },
          body: {
            user: this.user()!.email,
            channel: v.channel,
            destination,
            reason: v.reason,
            ...(v.ticketRef && { ticketRef: v.ticketRef }),
          },
        }),
      );
      this.ref.close(view);
    } catch (err) {
      this.showProblem(err);
    } finally {
      this.sending.set(false);
    }
  }

  private showProblem(err: unknown): void {
    const detail = describeError(err);
    const slug = err instanceof ApiError ? err.slug : '';
    const field =
      slug === 'destination-refused'
        ? this.form.controls[this.form.controls.channel.value === 'sms' ? 'phone' : 'email']
        : slug === 'unknown-user'
          ? this.form.controls.userQuery
          : null;
    if (field) {
      field.setErrors({ server: detail });
      field.markAsTouched();
    } else {
      this.problem.set(detail);
    }
  }

  private userChosen(): ValidationErrors | null {
    return this.user?.() ? null : { choose: true };
  }

  private phoneError(control: AbstractControl<string>): ValidationErrors | null {
    if (this.form?.controls.channel.value !== 'sms') return null;
    const result = toE164(countryByCode(this.form.controls.country.value)!, control.value);
    return 'error' in result ? { phone: result.error } : null;
  }

  private emailError(control: AbstractControl<string>): ValidationErrors | null {
    if (!this.form || this.form.controls.channel.value !== 'email') return null;
    const value = control.value.trim();
    if (!value) return { email: 'Enter the personal email address the caller gives you.' };
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : { email: 'This is not an email address.' };
  }
}
