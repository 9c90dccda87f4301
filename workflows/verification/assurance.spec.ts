import {
  assessProofs,
  classify,
  PRIVILEGED_ASSURANCE,
  type ProofKind,
  type ProofResult,
  type ProofStatus,
  STANDARD_ASSURANCE,
} from './assurance';

const proof = (kind: ProofKind, status: ProofStatus, detail: string = status): ProofResult => ({
  kind,
  status,
  detail,
  at: '2026-12-02T10:00:00Z',
});

describe('assessProofs, standard policy: the destination of record and one strong proof', () => {
  test('the destination of record and a recovery passkey pass, as a recovery code and an authenticator', () => {
    expect(assessProofs(STANDARD_ASSURANCE, [proof('destination_of_record', 'met'), proof('recovery_passkey', 'met')])).toEqual({
      verdict: 'satisfied',
      recoveryClass: 'recovery_code_and_authenticator',
      decidedBy: ['destination_of_record', 'recovery_passkey'],
      reason: expect.stringContaining('recovery passkey'),
    });
  });

  test('the destination of record and a vouch pass, as two recovery codes', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [proof('destination_of_record', 'met'), proof('vouch', 'met')]);
    expect(verdict).toMatchObject({ verdict: 'satisfied', recoveryClass: 'two_recovery_codes' });
  });

  test('the destination of record alone does not pass: with nothing else available, a referee decides', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [
      proof('destination_of_record', 'met'),
      ...(['recovery_passkey', 'idp_phishing_resistant', 'vouch', 'identity_document'] as const).map((k) => proof(k, 'unavailable')),
    ]);
    expect(verdict).toMatchObject({ verdict: 'needs_referee', reason: expect.stringContaining('in person or on video') });
  });

  test('a strong proof the caller could have given and did not is a failure, not a referee', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [proof('destination_of_record', 'met'), proof('vouch', 'unavailable')]);
    expect(verdict.verdict).toBe('failed');
  });

  test('a strong proof that failed is a failure', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [
      proof('destination_of_record', 'met'),
      proof('recovery_passkey', 'failed'),
      ...(['idp_phishing_resistant', 'vouch', 'identity_document'] as const).map((k) => proof(k, 'unavailable')),
    ]);
    expect(verdict.verdict).toBe('failed');
  });

  test('a strong proof without the destination of record does not pass: a dictated number goes to a referee', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [proof('destination_of_record', 'unavailable'), proof('recovery_passkey', 'met')]);
    expect(verdict).toMatchObject({ verdict: 'needs_referee', reason: expect.stringContaining('phone or address on record') });
  });

  test('evidence against ends it, whatever else was met', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [
      proof('destination_of_record', 'met'),
      proof('recovery_passkey', 'met'),
      proof('vouch', 'against', 'the manager said they had not spoken to the caller'),
    ]);
    expect(verdict).toEqual({ verdict: 'against', reason: expect.stringContaining('had not spoken to the caller') });
  });

  test('a later result for a kind replaces an earlier one', () => {
    const verdict = assessProofs(STANDARD_ASSURANCE, [
      proof('destination_of_record', 'met'),
      proof('recovery_passkey', 'failed'),
      proof('recovery_passkey', 'met'),
    ]);
    expect(verdict.verdict).toBe('satisfied');
  });
});

describe('assessProofs, privileged policy: two different strong proofs', () => {
  test('one strong proof is not enough', () => {
    const verdict = assessProofs(PRIVILEGED_ASSURANCE, [
      proof('destination_of_record', 'met'),
      proof('recovery_passkey', 'met'),
      ...(['idp_phishing_resistant', 'vouch', 'identity_document'] as const).map((k) => proof(k, 'unavailable')),
    ]);
    expect(verdict.verdict).toBe('needs_referee');
  });

  test('two strong proofs pass', () => {
    const verdict = assessProofs(PRIVILEGED_ASSURANCE, [
      proof('destination_of_record', 'met'),
      proof('recovery_passkey', 'met'),
      proof('vouch', 'met'),
    ]);
    expect(verdict).toMatchObject({ verdict: 'satisfied', decidedBy: ['destination_of_record', 'recovery_passkey', 'vouch'] });
  });
});

describe('classify', () => {
  test('an identity document is repeated proofing on its own; nothing strong is no class', () => {
    expect(classify(new Set(['identity_document']))).toBe('repeated_identity_proofing');
    expect(classify(new Set(['destination_of_record']))).toBeNull();
    expect(classify(new Set(['recovery_passkey']))).toBeNull();
  });
});
