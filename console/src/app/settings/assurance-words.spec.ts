import { PRIVILEGED_ASSURANCE, PROOF_WORDS, STANDARD_ASSURANCE } from '../../../../workflows/verification/assurance';
import { type AssuranceSettings, assuranceCell, assuranceFormProblems, policyPasses, PROOF_KINDS, proofLabel } from './assurance-words';

const builtIn = (): AssuranceSettings =>
  structuredClone({ mode: 'proofs', standard: STANDARD_ASSURANCE, privileged: PRIVILEGED_ASSURANCE });

describe('proofLabel', () => {
  it('is the server’s own words for each proof, as a label', () => {
    for (const kind of PROOF_KINDS) expect(proofLabel(kind).toLowerCase()).toBe(PROOF_WORDS[kind].toLowerCase());
    expect(proofLabel('vouch')).toBe('A person who vouches (their manager)');
  });
});

describe('policyPasses', () => {
  it('says the built-in policies as the verification panel does', () => {
    expect(policyPasses(STANDARD_ASSURANCE)).toBe(
      'Passes with the phone or address on record, and one of: recovery passkey, phishing-resistant sign-in, a person who vouches, an identity document.',
    );
    expect(policyPasses(PRIVILEGED_ASSURANCE)).toMatch(/^Passes with the phone or address on record, and two of: /);
  });

  it('names every proof always needed, and a policy with none', () => {
    expect(
      policyPasses({ name: 'privileged', required: ['destination_of_record', 'recovery_passkey'], strong: { count: 1, from: ['vouch'] } }),
    ).toBe('Passes with the phone or address on record and recovery passkey, and one of: a person who vouches.');
    expect(policyPasses({ name: 'standard', required: [], strong: { count: 1, from: ['identity_document'] } })).toBe(
      'Passes with one of: an identity document.',
    );
  });
});

describe('assuranceFormProblems', () => {
  it('none for the built-in policies', () => {
    expect(assuranceFormProblems(builtIn())).toEqual([]);
  });

  it('a proof ticked twice, more strong proofs than ticked, and a privileged policy asking for fewer', () => {
    const a = builtIn();
    a.standard.strong = { count: 3, from: ['destination_of_record', 'vouch'] };
    a.privileged.strong = { count: 1, from: [] };
    expect(assuranceFormProblems(a)).toEqual([
      'Standard policy: the phone or address on record is ticked both as always needed and as a strong proof. Untick one.',
      'Standard policy: it asks for at least 3 strong proofs, but only 2 are ticked: nobody could pass.',
      'Privileged policy: it asks for at least 1 strong proof, but none is ticked: nobody could pass.',
      'Privileged policy: it must ask for at least as many strong proofs as the standard policy.',
    ]);
  });
});

describe('assuranceCell', () => {
  it('says what decided under each version', () => {
    expect(assuranceCell(builtIn())).toBe('Proofs; standard: 1 of 4 strong, privileged: 2 of 4 strong');
    expect(assuranceCell({ ...builtIn(), mode: 'questions' })).toBe('Questions (the earlier rule)');
    expect(assuranceCell(null)).toBe('As RESETGATE_ASSURANCE said');
  });
});
