import type { Receipt } from '../api/views';
import { receiptFacts } from './receipt-facts';

const at = '2026-07-01T10:00:00.000Z';

/** docs/assurance.md's example receipt: a pass on the destination and a phishing-resistant sign-in. */
const passed: Receipt = {
  outcome: 'passed',
  assurance: 'standard',
  proofs: [
    { kind: 'destination_of_record', status: 'met', detail: 'the link sent to the destination on record was opened', at },
    { kind: 'idp_phishing_resistant', status: 'met', detail: 'signed in at https://idp.example.com with a phishing-resistant method', at },
  ],
  recoveryClass: 'recovery_code_and_authenticator',
  decidedBy: ['destination_of_record', 'idp_phishing_resistant'],
  signals: { challengeScore: 1, answered: 4, riskScore: 0 },
  reasons: [
    'the link reached the phone or address on record + a phishing-resistant sign-in at the organisation’s IdP; challenge score 1, risk 0',
  ],
};

const referee: Receipt = {
  ...passed,
  outcome: 'needs_referee',
  recoveryClass: null,
  decidedBy: [],
  reasons: ['the user has no way to give 1 more of recovery passkey: a named person must check them in person or on video'],
};

describe('receiptFacts', () => {
  it('reads a pass: its recovery class, the proofs that decided it, the signals and the reasons', () => {
    expect(receiptFacts(passed, true)).toEqual({
      outcome: 'Passed',
      guidance: null,
      policy: 'Standard',
      recoveryClass: 'A recovery code and an authenticator already bound to the account.',
      decidedBy: ['The link reached the phone or address on record.', 'A phishing-resistant sign-in at the organisation’s IdP.'],
      signals: 'Challenge score 1 (4 answered), risk 0 of 10.',
      reasons: [
        'The link reached the phone or address on record + a phishing-resistant sign-in at the organisation’s IdP; challenge score 1, risk 0.',
      ],
    });
  });

  it('tells the agent what to do on needs_referee: no reset, a named second person checks', () => {
    const facts = receiptFacts(referee, true);
    expect(facts.outcome).toBe('Needs a referee');
    expect(facts.guidance).toBe('Do not reset. Arrange a check in person or on video by a named second person.');
    expect(facts.recoveryClass).toBe('None: only a pass has one.');
    expect(facts.decidedBy).toEqual([]);
    expect(facts.reasons[0]).toMatch(/^The user has no way to give .* in person or on video\.$/);
  });

  it('a failure says not to reset too', () => {
    expect(receiptFacts({ ...referee, outcome: 'failed' }, true).guidance).toBe('Do not reset. Follow your escalation procedure.');
  });

  it('never shows the risk number to an agent the policy hides it from', () => {
    expect(receiptFacts(passed, false).signals).toBe('Challenge score 1 (4 answered), risk hidden for your role.');
  });

  it('says so when the session ended without graded answers', () => {
    expect(receiptFacts({ ...referee, outcome: 'timed_out', signals: null }, true)).toMatchObject({
      guidance: null,
      signals: 'None: the session did not end with graded answers.',
    });
  });

  it('names every NIST recovery class in plain words', () => {
    const classOf = (recoveryClass: Receipt['recoveryClass']) => receiptFacts({ ...passed, recoveryClass }, true).recoveryClass;
    expect(classOf('two_recovery_codes')).toBe('Two recovery codes by different methods.');
    expect(classOf('repeated_identity_proofing')).toBe('Repeated identity proofing.');
  });
});
