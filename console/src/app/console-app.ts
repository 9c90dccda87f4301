import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatToolbarModule } from '@angular/material/toolbar';

/**
 * The helpdesk console's shell. Sign-in, the verifications table, the send-link dialog and the
 * summary panel arrive with the console issue; until then agents use the API (see /api/docs).
 */
@Component({
  selector: 'rg-console',
  imports: [MatToolbarModule, MatCardModule],
  templateUrl: './console-app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsoleApp {}
