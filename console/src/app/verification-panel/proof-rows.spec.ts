import { PRIVILEGED_ASSURANCE, STANDARD_ASSURANCE } from '../../../../workflows/verification/assurance';
import type { AssurancePolicy, Proof } from '../api/views';
import { evidenceAgainst, policyWords, PROOF_ORDER, proofRows, sentence, stillNeeded } from './proof-rows';

const STANDARD: AssurancePolicy = STANDARD_ASSURANCE;
const PRIVILEGED: AssurancePolicy = PRIVILEGED_ASSURANCE;

const proof = (kind: Proof['kind'], status: Proof['status'], detail: string, at = '2026-07-01T10:00:00.000Z'): Proof => ({
  kind,
  status,
  detail,
  at,
});

/** What the workflow records before the link goes out when the user has no strong proof set up. */
const prepared = [
  proof('recovery_passkey', 'unavailable', 'no recovery passkey is enrolled'),
  proof('vouch', 'unavailable', 'nobody is on file to vouch'),
  proof('identity_document', 'unavailable', 'no identity-verification provider is set up'),
];
const opened = proof(
  'destination_of_record',
  'met',
  'the link sent to the destination on record was opened: +44•••01 is the number on record',
);

const states = (proofs: Proof[], open = true) => proofRows(proofs, open).map((r) => `${r.kind}:${r.state}`);

describe('proofRows', () => {
  it('has a row for every proof, always in the same order: the destination on record first', () => {
    expect(proofRows([], true).map((r) => r.kind)).toEqual(PROOF_ORDER);
    expect(proofRows([...prepared].reverse(), true).map((r) => r.kind)).toEqual(PROOF_ORDER);
  });

  it('a proof with no result is waiting while the verification is open, with what is awaited', () => {
    const [destination] = proofRows(prepared, true);
    expect(destination).toEqual({
      kind: 'destination_of_record',
      name: 'Phone or address on record',
      state: 'waiting',
      stateLabel: 'Waiting',
      detail: 'Waiting for the caller to open the link and press Start.',
      at: null,
    });
  });

  it('once the verification has ended, a proof with no result was not checked, not waiting', () => {
    expect(proofRows([], false)[0]).toMatchObject({ state: 'not_checked', stateLabel: 'Not checked', at: null });
  });

  it('shows each result in words, with its detail as a sentence and its time', () => {
    const rows = proofRows([...prepared, opened], true);
    expect(rows[0]).toMatchObject({
      state: 'met',
      stateLabel: 'Met',
      detail: 'The link sent to the destination on record was opened: +44•••01 is the number on record.',
      at: '2026-07-01T10:00:00.000Z',
    });
    expect(rows[1]).toMatchObject({ name: 'Recovery passkey', stateLabel: 'Not available', detail: 'No recovery passkey is enrolled.' });
    expect(states([...prepared, opened])).toEqual([
      'destination_of_record:met',
      'recovery_passkey:unavailable',
      'idp_phishing_resistant:waiting',
      'vouch:unavailable',
      'identity_document:unavailable',
    ]);
  });

  it('a later result for a kind replaces an earlier one, as in the workflow', () => {
    const retried = [
      proof('recovery_passkey', 'failed', 'the passkey did not verify', '2026-07-01T10:00:00.000Z'),
      proof('recovery_passkey', 'met', 'the recovery passkey verified', '2026-07-01T10:01:00.000Z'),
    ];
    expect(proofRows(retried, true)[1]).toMatchObject({ state: 'met', at: '2026-07-01T10:01:00.000Z' });
  });

  it('names every state a proof can be in', () => {
    const labels = (['met', 'failed', 'against', 'unavailable'] as const).map(
      (status) => proofRows([proof('vouch', status, 'x')], true)[3].stateLabel,
    );
    expect(labels).toEqual(['Met', 'Failed', 'Evidence against', 'Not available']);
  });
});

describe('evidenceAgainst', () => {
  it('picks out the rows that count against the caller', () => {
    const refused = proof('vouch', 'against', 'the manager refused: they have not spoken to the user');
    const rows = proofRows([opened, refused], true);
    expect(evidenceAgainst(rows).map((r) => r.kind)).toEqual(['vouch']);
    expect(evidenceAgainst(proofRows([opened], true))).toEqual([]);
  });
});

describe('policyWords', () => {
  it('says what passes under each shipped policy', () => {
    expect(policyWords(STANDARD)).toEqual({
      name: 'Standard',
      needs:
        'the phone or address on record, and one of: recovery passkey, phishing-resistant sign-in, a person who vouches, an identity document',
    });
    expect(policyWords(PRIVILEGED).needs).toMatch(/^the phone or address on record, and two of: recovery passkey, /);
  });

  it('reads a policy an admin edited from what the verification carries, in the panel’s order', () => {
    const edited: AssurancePolicy = {
      name: 'standard',
      required: ['destination_of_record'],
      strong: { count: 1, from: ['vouch', 'recovery_passkey'] },
    };
    expect(policyWords(edited)).toEqual({
      name: 'Standard',
      needs: 'the phone or address on record, and one of: recovery passkey, a person who vouches',
    });
    expect(policyWords({ ...edited, name: 'contractors' }).name).toBe('contractors');
  });
});

describe('stillNeeded', () => {
  it('names what is missing, offering only the strong proofs still awaited', () => {
    expect(stillNeeded(STANDARD, proofRows(prepared, true))).toBe(
      'Still needed: the phone or address on record; one more of: phishing-resistant sign-in.',
    );
  });

  it('says when no strong proof is left to wait for', () => {
    const idpUnavailable = proof('idp_phishing_resistant', 'unavailable', 'the user did not sign in at the organisation’s IdP');
    expect(stillNeeded(STANDARD, proofRows([...prepared, opened, idpUnavailable], true))).toBe(
      'Still needed: one more proof, but none is still awaited.',
    );
  });

  it('counts two for the privileged policy, less the ones met', () => {
    const idp = proof('idp_phishing_resistant', 'met', 'signed in with a phishing-resistant method');
    expect(stillNeeded(PRIVILEGED, proofRows([opened], true))).toBe(
      'Still needed: two more of: recovery passkey, phishing-resistant sign-in, a person who vouches, an identity document.',
    );
    expect(stillNeeded(PRIVILEGED, proofRows([opened, idp], true))).toBe(
      'Still needed: one more of: recovery passkey, a person who vouches, an identity document.',
    );
  });

  it('says when the proofs meet the policy', () => {
    const idp = proof('idp_phishing_resistant', 'met', 'signed in with a phishing-resistant method');
    expect(stillNeeded(STANDARD, proofRows([opened, idp], true))).toBe('The proofs meet the standard policy.');
  });

  it('says nothing under evidence against the caller', () => {
    const swapped = proof('destination_of_record', 'against', 'the SIM was changed in the last 48 hours');
    expect(stillNeeded(STANDARD, proofRows([swapped], true))).toBe('');
  });
});

describe('sentence', () => {
  it('starts with a capital and ends with a full stop, once', () => {
    expect(sentence('no recovery passkey is enrolled')).toBe('No recovery passkey is enrolled.');
    expect(sentence('Already one.')).toBe('Already one.');
    expect(sentence('  ')).toBe('');
  });
});
