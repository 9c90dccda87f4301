import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { CreatedApiKey } from '../api/views';

/** The new key, once: ResetGate keeps only its hash, so it can never be shown again. */
@Component({
  selector: 'rg-api-key-created-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>API key “{{ key.name }}” created</h2>
    <mat-dialog-content>
      <p class="banner error" role="alert">Copy the key now. It is shown only this once; if it is lost, revoke it and create another.</p>
      <label for="new-key" class="label">Key ({{ key.roles.join(', ') }})</label>
      <div class="key-row">
        <input #keyField id="new-key" class="key mono" [value]="key.key" readonly (focus)="keyField.select()" />
        <button mat-stroked-button type="button" (click)="copy()">{{ copied() ? 'Copied' : 'Copy' }}</button>
      </div>
      <p class="muted" role="status">{{ copied() ? 'The key is on your clipboard.' : '' }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>I have stored the key</button>
    </mat-dialog-actions>
  `,
  styles: `
    .label {
      display: block;
      font: var(--mat-sys-label-large);
      margin-bottom: 0.25rem;
    }
    .key-row {
      display: flex;
      gap: 0.5rem;
    }
    .key {
      flex: 1;
      padding: 0.5rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeyCreatedDialog {
  protected readonly key = inject<CreatedApiKey>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('keyField');

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.key.key);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C instead.
      this.field().nativeElement.select();
      document.execCommand('copy');
    }
    this.copied.set(true);
  }
}
