import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AssurancePolicy, Proof } from '../api/views';
import { LocalTime } from '../shared/local-time';
import { evidenceAgainst, policyWords, proofRows, stillNeeded } from './proof-rows';
import { ProofStateIcon } from './proof-state-icon';

/**
 * The proofs the verification's assurance policy asks for, and where each stands, live. Evidence
 * against the caller is set apart above the list: it decides the verification on its own.
 */
@Component({
  selector: 'rg-proof-list',
  imports: [LocalTime, ProofStateIcon],
  templateUrl: './proof-list.html',
  styleUrl: './proof-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProofList {
  /** The policy the verification started under, as it was then. */
  readonly assurance = input.required<AssurancePolicy>();
  readonly proofs = input.required<Proof[]>();
  /** While the verification is open, a proof with no result yet is still awaited. */
  readonly open = input.required<boolean>();

  protected readonly policy = computed(() => policyWords(this.assurance()));
  protected readonly rows = computed(() => proofRows(this.proofs(), this.open()));
  protected readonly against = computed(() => evidenceAgainst(this.rows()));
  protected readonly needed = computed(() => (this.open() ? stillNeeded(this.assurance(), this.rows()) : ''));
}
