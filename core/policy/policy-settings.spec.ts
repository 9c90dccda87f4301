import { PRIVILEGED_ASSURANCE, type ProofKind, STANDARD_ASSURANCE } from '../../workflows/verification/assurance';
import type { VerificationPolicy } from '../../workflows/verification/model';
import { type AssuranceSettings, assuranceFromEnvironment, assuranceProblems, type PolicySettings, policyChanges } from './policy-settings';

const rule = (name: string, required: ProofKind[], count: number, from: ProofKind[]) => ({ name, required, strong: { count, from } });
/** The privileged policy is the built-in one unless given: each case changes one thing. */
const settings = (standard = STANDARD_ASSURANCE, privileged = PRIVILEGED_ASSURANCE) => ({ mode: 'proofs' as const, standard, privileged });

describe('assuranceFromEnvironment', () => {
  test('the mode from RESETGATE_ASSURANCE and the built-in definitions, copied so no one edits the constants', () => {
    const a = assuranceFromEnvironment('questions');
    expect(a).toEqual({ mode: 'questions', standard: STANDARD_ASSURANCE, privileged: PRIVILEGED_ASSURANCE });
    a.standard.strong.from.pop();
    a.privileged.required.pop();
    expect(STANDARD_ASSURANCE.strong.from).toHaveLength(4);
    expect(PRIVILEGED_ASSURANCE.required).toEqual(['destination_of_record']);
  });

  test('the built-in definitions are valid', () => {
    expect(assuranceProblems(assuranceFromEnvironment('proofs'))).toEqual([]);
  });
});

describe('assuranceProblems', () => {
  test('accepts a policy narrower than the built-in ones, and a privileged one that needs more', () => {
    const standard = rule('standard', ['destination_of_record'], 1, ['recovery_passkey', 'idp_phishing_resistant', 'vouch']);
    const privileged = rule('privileged', ['destination_of_record', 'recovery_passkey'], 2, ['idp_phishing_resistant', 'vouch']);
    expect(assuranceProblems(settings(standard, privileged))).toEqual([]);
    const onlyDocument = rule('standard', [], 1, ['identity_document']);
    expect(assuranceProblems(settings(onlyDocument, { ...onlyDocument, name: 'privileged' }))).toEqual([]);
  });

  test('an unknown kind is named, with the known ones', () => {
    const bad = rule('standard', ['destination_of_record'], 1, ['recovery_passkey', 'shoe_size' as ProofKind]);
    expect(assuranceProblems(settings(bad))[0]).toMatch(
      /^The standard policy names proofs that do not exist: shoe_size\. Known: destination_of_record, /,
    );
  });

  test('a count of 0, a fraction, or more than the kinds it is taken from', () => {
    expect(assuranceProblems(settings(rule('standard', ['destination_of_record'], 0, ['vouch'])))).toContain(
      'The standard policy must ask for at least 1 strong proof (it asks for 0).',
    );
    expect(
      assuranceProblems(settings(rule('standard', ['destination_of_record'], 1.5, ['vouch', 'recovery_passkey']))).length,
    ).toBeGreaterThan(0);
    expect(assuranceProblems(settings(rule('standard', ['destination_of_record'], 3, ['vouch', 'recovery_passkey'])))).toContain(
      'The standard policy asks for 3 strong proofs from 2 kinds: nobody could pass.',
    );
    expect(assuranceProblems(settings(rule('standard', ['destination_of_record'], 1, [])))).toContain(
      'The standard policy asks for 1 strong proof from 0 kinds: nobody could pass.',
    );
  });

  test('a kind both always needed and among the strong proofs, or listed twice', () => {
    expect(assuranceProblems(settings(rule('standard', ['destination_of_record'], 1, ['destination_of_record', 'vouch'])))).toEqual([
      'The standard policy lists the link reached the phone or address on record both as always needed and among the strong proofs: choose one.',
    ]);
    expect(assuranceProblems(settings(rule('standard', ['destination_of_record'], 1, ['vouch', 'vouch'])))).toEqual([
      'The standard policy lists a person who vouches (their manager) twice among the strong proofs.',
    ]);
  });

  test('a policy that passes without a NIST SP 800-63B-4 recovery: strong proofs alone, without the destination of record', () => {
    expect(assuranceProblems(settings(rule('standard', [], 2, ['recovery_passkey', 'vouch'])))).toEqual([
      expect.stringMatching(
        /^The standard policy would pass with only the user’s recovery passkey \+ a person who vouches .* which is no recovery under NIST SP 800-63B-4 §4\.2/,
      ),
    ]);
    // One of the choices is enough to refuse it.
    expect(assuranceProblems(settings(rule('standard', [], 1, ['identity_document', 'vouch'])))[0]).toMatch(
      /^The standard policy would pass with only a person who vouches/,
    );
  });

  test('the privileged policy must be at least as strict as the standard one', () => {
    const standard = rule('standard', ['destination_of_record'], 2, ['recovery_passkey', 'idp_phishing_resistant', 'vouch']);
    expect(assuranceProblems(settings(standard, rule('privileged', ['destination_of_record'], 1, ['recovery_passkey'])))).toEqual([
      'The privileged policy asks for 1 strong proof, fewer than the standard policy’s 2: it must be at least as strict.',
      expect.stringMatching(
        /^The privileged policy would pass with the link reached .* \+ the user’s recovery passkey, which the standard policy refuses/,
      ),
    ]);
    // As many proofs, but one the standard policy does not take.
    const other = rule('privileged', ['destination_of_record'], 2, ['recovery_passkey', 'identity_document']);
    expect(assuranceProblems(settings(standard, other))).toEqual([
      expect.stringMatching(
        /would pass with .* \+ the user’s recovery passkey \+ an identity document and selfie, which the standard policy refuses/,
      ),
    ]);
    // Stricter in another way: fewer strong proofs, but one more always needed, is still refused (count ≥ the standard's).
    const narrower = rule('privileged', ['destination_of_record', 'recovery_passkey'], 1, ['idp_phishing_resistant', 'vouch']);
    expect(assuranceProblems(settings(standard, narrower))).toEqual([expect.stringMatching(/fewer than the standard policy’s 2/)]);
  });
});

describe('policyChanges', () => {
  const policy: VerificationPolicy = {
    version: 'default-1',
    linkLifetimeSeconds: 900,
    sessionLifetimeSeconds: 600,
    questionsAsked: 4,
    minQuestions: 3,
    minAnswered: 3,
    passThreshold: 0.75,
    riskStepUp: 0.05,
    maxRisk: 5,
    approvalWindowSeconds: 1800,
  };
  const base = (assurance?: AssuranceSettings): PolicySettings => ({
    policy,
    maxVerificationsPerUserPerDay: 5,
    privilegedGroups: ['okta-admins'],
    agentsSeeRiskScore: true,
    ...(assurance && { assurance }),
  });

  test('nothing when only the version differs', () => {
    const a = assuranceFromEnvironment('proofs');
    expect(policyChanges(base(a), { ...base(a), policy: { ...policy, version: 'console-1' } })).toEqual([]);
  });

  test('assurance changes setting by setting: the mode, and each policy’s required proofs, count and kinds', () => {
    const before = assuranceFromEnvironment('questions');
    const after = assuranceFromEnvironment('proofs');
    after.standard.strong.from = ['recovery_passkey', 'idp_phishing_resistant', 'vouch'];
    after.privileged.required = ['destination_of_record', 'recovery_passkey'];
    after.privileged.strong = { count: 2, from: ['idp_phishing_resistant', 'vouch'] };
    expect(policyChanges(base(before), { ...base(after), agentsSeeRiskScore: false })).toEqual([
      { setting: 'agentsSeeRiskScore', from: true, to: false },
      { setting: 'assurance.mode', from: 'questions', to: 'proofs' },
      {
        setting: 'assurance.standard.strong.from',
        from: ['recovery_passkey', 'idp_phishing_resistant', 'vouch', 'identity_document'],
        to: ['recovery_passkey', 'idp_phishing_resistant', 'vouch'],
      },
      {
        setting: 'assurance.privileged.required',
        from: ['destination_of_record'],
        to: ['destination_of_record', 'recovery_passkey'],
      },
      {
        setting: 'assurance.privileged.strong.from',
        from: ['recovery_passkey', 'idp_phishing_resistant', 'vouch', 'identity_document'],
        to: ['idp_phishing_resistant', 'vouch'],
      },
    ]);
    const counted = assuranceFromEnvironment('questions');
    counted.privileged.strong.count = 3;
    expect(policyChanges(base(before), base(counted))).toEqual([{ setting: 'assurance.privileged.strong.count', from: 2, to: 3 }]);
  });

  test('a version saved before assurance was part of it reports the assurance as new', () => {
    expect(policyChanges(base(), base(assuranceFromEnvironment('questions')))).toEqual(
      expect.arrayContaining([
        { setting: 'assurance.mode', from: null, to: 'questions' },
        { setting: 'assurance.standard.strong.count', from: null, to: 1 },
      ]),
    );
  });
});
