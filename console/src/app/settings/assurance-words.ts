import type { ProofKind, Settings } from '../api/views';
import { PROOF } from '../shared/labels';
import { PROOF_ORDER, sentence } from '../verification-panel/proof-rows';

export type AssuranceSettings = Settings['assurance'];
export type AssurancePolicy = AssuranceSettings['standard'];
export type AssuranceMode = AssuranceSettings['mode'];
export type AssurancePolicyName = 'standard' | 'privileged';

/** Every proof, in the order the verification panel lists them. */
export const PROOF_KINDS: readonly ProofKind[] = PROOF_ORDER;

export const ASSURANCE_MODE: Record<AssuranceMode, { label: string; meaning: string }> = {
  proofs: {
    label: 'Proofs',
    meaning: 'The policies below decide; the questions and the risk score can fail a verification but never pass it.',
  },
  questions: {
    label: 'Questions (the earlier rule)',
    meaning: 'The challenge questions and the risk score decide alone; the policies below are kept but not used.',
  },
};

export const POLICY_WHO: Record<AssurancePolicyName, { title: string; who: string }> = {
  standard: { title: 'Standard policy', who: 'everyone else' },
  privileged: { title: 'Privileged policy', who: 'members of the privileged groups' },
};

/** A checkbox's label: the server's own words for the proof (PROOF_WORDS), as a sentence start. */
export function proofLabel(kind: ProofKind): string {
  return sentence(PROOF[kind].words).replace(/\.$/, '');
}

/** "Passes with the phone or address on record, and one of: recovery passkey, …" */
export function policyPasses(p: AssurancePolicy): string {
  const required = p.required.map((kind) => PROOF[kind].term).join(' and ');
  const strong = `${count(p.strong.count)} of: ${p.strong.from.map((kind) => PROOF[kind].term).join(', ')}`;
  return `Passes with ${required ? `${required}, and ${strong}` : strong}.`;
}

/** What the admin must fix before saving, said on the form; the API checks the rest (docs/assurance.md). */
export function assuranceFormProblems(a: AssuranceSettings): string[] {
  const problems: string[] = [];
  for (const name of ['standard', 'privileged'] as const) {
    const p = a[name];
    const title = POLICY_WHO[name].title;
    const both = p.required.filter((kind) => p.strong.from.includes(kind));
    if (both.length) {
      problems.push(
        `${title}: ${both.map((k) => PROOF[k].term).join(', ')} is ticked both as always needed and as a strong proof. Untick one.`,
      );
    }
    if (p.strong.count > p.strong.from.length) {
      const ticked = p.strong.from.length;
      problems.push(
        `${title}: it asks for at least ${p.strong.count} strong proof${p.strong.count > 1 ? 's' : ''}, but ${ticked === 0 ? 'none is' : `only ${ticked} ${ticked > 1 ? 'are' : 'is'}`} ticked: nobody could pass.`,
      );
    }
  }
  if (a.privileged.strong.count < a.standard.strong.count) {
    problems.push('Privileged policy: it must ask for at least as many strong proofs as the standard policy.');
  }
  return problems;
}

/** One cell of the version history: what decided verifications under that version. */
export function assuranceCell(a: AssuranceSettings | null): string {
  if (!a) return 'As RESETGATE_ASSURANCE said';
  if (a.mode === 'questions') return ASSURANCE_MODE.questions.label;
  const strong = (p: AssurancePolicy) => `${p.strong.count} of ${p.strong.from.length} strong`;
  return `Proofs; standard: ${strong(a.standard)}, privileged: ${strong(a.privileged)}`;
}

function count(n: number): string {
  return ['none', 'one', 'two', 'three', 'four', 'five'][n] ?? String(n);
}
