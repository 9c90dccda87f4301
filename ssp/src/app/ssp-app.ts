import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * The Self-Service Portal's shell. The verification journey (Start, questions, result) arrives
 * with the SSP issue; opening a link here spends nothing, so links stay valid until then.
 */
@Component({
  selector: 'rg-ssp',
  templateUrl: './ssp-app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SspApp {
  protected readonly hasLink = /(^|[#&])token=/.test(location.hash);
}
