import type { AssurancePolicy, Proof, ProofKind } from '../api/views';
import { ASSURANCE, PROOF, PROOF_STATE, type ProofState } from '../shared/labels';

/** Always in this order, so a row never moves while the agent reads it: the one required, then the four strong ones. */
export const PROOF_ORDER: readonly ProofKind[] = [
  'destination_of_record',
  'recovery_passkey',
  'idp_phishing_resistant',
  'vouch',
  'identity_document',
];

export interface ProofRow {
  kind: ProofKind;
  name: string;
  state: ProofState;
  stateLabel: string;
  /** What was checked and what it showed, as a sentence; or what is awaited. */
  detail: string;
  at: string | null;
}

/**
 * One row per proof kind, each with its latest result (a later result replaces an earlier one, as
 * in the workflow). A kind with no result yet is `waiting` while the verification is open, and
 * `not_checked` after.
 */
export function proofRows(proofs: readonly Proof[], open: boolean): ProofRow[] {
  return PROOF_ORDER.map((kind) => {
    const latest = proofs.findLast((p) => p.kind === kind);
    const state: ProofState = latest?.status ?? (open ? 'waiting' : 'not_checked');
    const detail = latest ? sentence(latest.detail) : open ? PROOF[kind].waiting : 'No result before the verification ended.';
    return { kind, name: PROOF[kind].name, state, stateLabel: PROOF_STATE[state], detail, at: latest?.at ?? null };
  });
}

/** A policy's display name: Standard, Privileged; a name the console does not know, as it is. */
export function policyName(name: string): string {
  return ASSURANCE[name]?.name ?? name;
}

/** The policy in plain words, from what the verification carries (an admin may have edited it). */
export function policyWords(policy: AssurancePolicy): { name: string; needs: string } {
  const required = policy.required.map((kind) => PROOF[kind].term).join(' and ');
  const strong = `${count(policy.strong.count)} of: ${terms(inOrder(policy.strong.from))}`;
  return { name: policyName(policy.name), needs: required ? `${required}, and ${strong}` : strong };
}

/**
 * What the policy still needs, given the rows. Names only the strong proofs still awaited, and says
 * so when none is. Empty under evidence against the caller: nothing else matters then.
 */
export function stillNeeded(policy: AssurancePolicy, rows: readonly ProofRow[]): string {
  if (evidenceAgainst(rows).length) return '';
  const stateOf = (kind: ProofKind) => rows.find((r) => r.kind === kind)?.state;
  const strong = inOrder(policy.strong.from);
  const parts: string[] = policy.required.filter((kind) => stateOf(kind) !== 'met').map((kind) => PROOF[kind].term);
  const short = policy.strong.count - strong.filter((kind) => stateOf(kind) === 'met').length;
  if (short > 0) {
    const possible = strong.filter((kind) => stateOf(kind) === 'waiting' || stateOf(kind) === 'pending');
    parts.push(
      possible.length
        ? `${count(short)} more of: ${terms(possible)}`
        : `${count(short)} more proof${short > 1 ? 's' : ''}, but none is still awaited`,
    );
  }
  return parts.length ? `Still needed: ${parts.join('; ')}.` : `The proofs meet the ${policyName(policy.name).toLowerCase()} policy.`;
}

/** The rows that count against the caller: shown apart, first, whatever else was met. */
export function evidenceAgainst(rows: readonly ProofRow[]): ProofRow[] {
  return rows.filter((r) => r.state === 'against');
}

/** "the link was opened: …" → "The link was opened: …." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function count(n: number): string {
  return ['none', 'one', 'two', 'three', 'four'][n] ?? String(n);
}

/** In the panel's fixed order, whatever order the policy lists them in. */
function inOrder(kinds: readonly ProofKind[]): ProofKind[] {
  return PROOF_ORDER.filter((kind) => kinds.includes(kind));
}

function terms(kinds: readonly ProofKind[]): string {
  return kinds.map((kind) => PROOF[kind].term).join(', ');
}
