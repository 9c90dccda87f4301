import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { VerificationView } from '../api/views';
import { Session } from '../auth/session';
import { confirmAction } from '../shared/confirm-dialog';
import { LocalTime } from '../shared/local-time';
import { PASSKEY_REMOVERS, type PasskeyRow, passkeyRows, type RecoveryPasskeyList, removalConfirmation } from './user-passkeys-facts';

/**
 * The recovery passkeys of the verification's user (docs/assurance.md): when each was added, after
 * which verification, when last used. Admins may remove one; it then no longer counts as a proof,
 * and the user is not told. Agents and auditors see the list without controls.
 */
@Component({
  selector: 'rg-user-passkeys',
  imports: [MatButtonModule, RouterLink, LocalTime],
  templateUrl: './user-passkeys.html',
  styleUrl: './user-passkeys.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserPasskeys {
  readonly user = input.required<VerificationView['user']>();
  /** The verification on screen: a passkey added after it says "this verification". */
  readonly verificationId = input.required<string>();

  private readonly api = inject(ConsoleApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(Session);
  protected readonly canRemove = computed(() => this.session.hasAnyRole(PASSKEY_REMOVERS));
  protected readonly removing = signal<string | null>(null);
  protected readonly error = signal('');

  /** The id alone: a live update of the verification brings a new user object, not a new user. */
  private readonly userId = computed(() => this.user().id);
  protected readonly passkeys = resource({
    params: () => this.userId(),
    loader: ({ params: userId, abortSignal }) =>
      this.api.data<RecoveryPasskeyList>(
        this.api.client.GET('/api/v1/directory/users/{userId}/passkeys', { params: { path: { userId } }, signal: abortSignal }),
      ),
  });
  protected readonly rows = computed(() =>
    this.passkeys.hasValue() ? passkeyRows(this.passkeys.value().items, this.verificationId()) : undefined,
  );
  protected readonly loadError = computed(() => (this.passkeys.status() === 'error' ? describeError(this.passkeys.error()) : ''));

  protected async remove(row: PasskeyRow): Promise<void> {
    if (this.removing()) return;
    const yes = await confirmAction(this.dialog, removalConfirmation(row, this.user().name));
    if (!yes) return;
    this.removing.set(row.id);
    this.error.set('');
    try {
      await this.api.data<void>(
        this.api.client.DELETE('/api/v1/directory/users/{userId}/passkeys/{passkeyId}', {
          params: { path: { userId: this.userId(), passkeyId: row.id } },
        }),
      );
    } catch (err) {
      this.error.set(describeError(err));
    } finally {
      this.removing.set(null);
      // Either way the list is read again: after a 404 it shows what is really enrolled.
      this.passkeys.reload();
    }
  }
}
