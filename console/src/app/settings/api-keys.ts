import { ChangeDetectionStrategy, Component, computed, inject, resource, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { ApiKey, CreatedApiKey, Role } from '../api/views';
import { confirmAction } from '../shared/confirm-dialog';
import { LocalTime } from '../shared/local-time';
import { ApiKeyCreatedDialog } from './api-key-created-dialog';

const ROLES: Role[] = ['agent', 'auditor', 'admin'];

/** Integrators' API keys: create (the key is shown once), list, revoke. Keys are stored hashed. */
@Component({
  selector: 'rg-api-keys',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, LocalTime],
  templateUrl: './api-keys.html',
  styleUrl: './api-keys.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeys {
  private readonly api = inject(ConsoleApi);
  private readonly dialog = inject(MatDialog);
  protected readonly roles = ROLES;
  protected readonly keys = resource({
    loader: ({ abortSignal }) =>
      this.api.data<{ items: ApiKey[] }>(this.api.client.GET('/api/v1/api-keys', { signal: abortSignal })).then((r) => r.items),
  });
  protected readonly loadError = computed(() => (this.keys.status() === 'error' ? describeError(this.keys.error()) : ''));
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100), Validators.pattern(/^\P{Cc}+$/u)]],
    agent: [true],
    auditor: [false],
    admin: [false],
  });
  protected readonly noRole = signal(false);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    const roles = ROLES.filter((role) => v[role]);
    this.noRole.set(roles.length === 0);
    if (this.form.invalid || roles.length === 0 || this.busy()) return;
    await this.run(async () => {
      const created = await this.api.data<CreatedApiKey>(
        this.api.client.POST('/api/v1/api-keys', { body: { name: v.name.trim(), roles } }),
      );
      // resetForm also forgets the submission, so the emptied name is not shown as an error.
      this.formDirective().resetForm({ name: '', agent: true, auditor: false, admin: false });
      this.keys.reload();
      this.dialog.open(ApiKeyCreatedDialog, { data: created, width: '36rem', disableClose: true, autoFocus: 'first-tabbable' });
    });
  }

  protected async revoke(key: ApiKey): Promise<void> {
    const yes = await confirmAction(this.dialog, {
      title: `Revoke the key “${key.name}”?`,
      message: `Every request with the key ${key.prefix}… is refused from now on. This cannot be undone.`,
      confirm: 'Revoke key',
    });
    if (!yes) return;
    await this.run(async () => {
      await this.api.data(this.api.client.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } }));
      this.keys.reload();
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    try {
      await action();
    } catch (err) {
      this.error.set(describeError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
