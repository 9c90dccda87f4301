import { type AssurancePolicy, latest, type ProofKind, type ProofResult, type ProofStatus } from './assurance';
import type { ProofOptions, VouchRequestResult } from './activities';
import type { ProofInput, StepUpInput } from './messages';
import type { VerificationState } from './model';

const UNTRIED_IS_UNAVAILABLE: [ProofKind, string][] = [
  ['idp_phishing_resistant', 'the user did not sign in at the organisation’s IdP'],
  ['identity_document', 'the user did not verify an identity document'],
];

/**
 * The proofs a verification has gathered, kept in the state the query answers (and the row shows
 * live), and the rules for adding one. Runs inside the workflow: its clock is the workflow's.
 */
export class ProofLedger {
  private readonly proofs: ProofResult[];

  constructor(
    state: VerificationState,
    private readonly assurance: AssurancePolicy,
  ) {
    this.proofs = state.proofs ??= [];
  }

  add(kind: ProofKind, status: ProofStatus, detail: string, evidence?: ProofResult['evidence']): ProofResult {
    const proof: ProofResult = { kind, status, detail, at: new Date(Date.now()).toISOString(), ...(evidence && { evidence }) };
    this.proofs.push(proof);
    return proof;
  }

  /** Before the link goes out: what the user cannot give, and a destination the carrier data counts against. */
  prepared(options: ProofOptions): void {
    for (const { kind, detail } of options.unavailable) if (this.counts(kind)) this.add(kind, 'unavailable', detail);
    const { destination } = options;
    if (destination.against) this.add('destination_of_record', 'against', destination.detail, destination.evidence);
    else if (!destination.onRecord) this.add('destination_of_record', 'unavailable', destination.detail);
  }

  /** The link was opened: possession of the destination, which counts only when it is the one on record. */
  linkOpened(options: ProofOptions): void {
    const { destination } = options;
    if (destination.onRecord && !destination.against) {
      this.add(
        'destination_of_record',
        'met',
        `the link sent to the destination on record was opened: ${destination.detail}`,
        destination.evidence,
      );
    }
  }

  /** A sign-in at the IdP proves possession only when its method is phishing-resistant and fresh. */
  steppedUp({ matched, issuer, method }: StepUpInput): void {
    if (!this.counts('idp_phishing_resistant')) return;
    if (!matched) {
      this.add('idp_phishing_resistant', 'against', `someone other than the user signed in at ${issuer}`);
      return;
    }
    const evidence = method && { amr: method.amr.join(' ') || null, acr: method.acr, authTime: method.authTime };
    if (method?.phishingResistant)
      this.add('idp_phishing_resistant', 'met', `signed in at ${issuer} with a phishing-resistant method`, evidence);
    else this.add('idp_phishing_resistant', 'unavailable', `signed in at ${issuer}, but not with a phishing-resistant method`, evidence);
  }

  /** Why the user cannot ask for a vouch now, or undefined when they can. */
  vouchRefusal(): string | undefined {
    if (!this.counts('vouch')) return `the ${this.assurance.name} policy does not use vouch`;
    const status = this.latest('vouch')?.status;
    if (status === 'unavailable') return this.latest('vouch')!.detail;
    if (status) return `a vouch was already requested (${status})`;
    return undefined;
  }

  /** The request went out, and the vouch waits for the voucher's answer; or there is nobody to ask. */
  vouchRequested(result: VouchRequestResult): ProofResult {
    return result.sent
      ? this.add('vouch', 'pending', `asked ${result.voucherName} (${result.relation}) to vouch; waiting for their answer`)
      : this.add('vouch', 'unavailable', result.detail);
  }

  /**
   * When the session ends. Some proofs show whether the user has them only when used: a
   * phishing-resistant method at the IdP, an identity document at hand. Not giving one of those is
   * not a proof they could have given and did not; a manager on file who was never asked is.
   */
  sessionEnded(): void {
    for (const [kind, detail] of UNTRIED_IS_UNAVAILABLE) {
      if (this.counts(kind) && !this.proofs.some((p) => p.kind === kind)) this.add(kind, 'unavailable', detail);
    }
    this.closePending('before the session ended');
  }

  /** A request nobody answered in time is a proof the user could not give (a manager on leave), not a failure. */
  closePending(when: string): void {
    for (const kind of this.assurance.strong.from) {
      const proof = this.latest(kind);
      if (proof?.status === 'pending') this.add(kind, 'unavailable', `no answer ${when}: ${proof.detail.replace(/; waiting.*$/, '')}`);
    }
  }

  /**
   * Why a proof the API checked cannot be recorded now, or undefined when it can: only kinds the
   * policy uses and the user could give, never over a met one, and a vouch only as the answer to
   * a request that is waiting.
   */
  refusal(input: ProofInput): string | undefined {
    if (!this.counts(input.kind)) return `the ${this.assurance.name} policy does not use ${input.kind}`;
    const status = this.latest(input.kind)?.status;
    if (status === 'met') return `${input.kind} is already met`;
    if (status === 'unavailable') return `${input.kind} is unavailable for this verification: ${this.latest(input.kind)!.detail}`;
    if (input.kind === 'vouch' && status !== 'pending') return 'no vouch request is waiting for an answer';
    return undefined;
  }

  private latest(kind: ProofKind): ProofResult | undefined {
    return latest(this.proofs, kind);
  }

  /** Whether the policy looks at this kind at all. */
  private counts(kind: ProofKind): boolean {
    return this.assurance.required.includes(kind) || this.assurance.strong.from.includes(kind);
  }
}
