import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** A page that does not exist, or one the person's roles do not open: the same answer, and a way back. */
@Component({
  selector: 'rg-not-available',
  imports: [RouterLink],
  template: `
    <h1>This page is not available</h1>
    <p>It does not exist, or it is not allowed for your role. <a routerLink="/verifications">Go to verifications</a>.</p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotAvailable {}
