import { PRIVILEGED_ASSURANCE, STANDARD_ASSURANCE } from '../../../workflows/verification/assurance';
import type { VerificationEntity } from '../../../core/database/entities';
import { assertionUnavailable, enrolmentUnavailable, MAX_PASSKEYS_PER_USER } from './passkey-rules';

type Facts = Pick<VerificationEntity, 'policy' | 'status' | 'proofs'>;

const underProofs = (overrides: Partial<Facts> = {}): Facts => ({
  policy: { assurance: STANDARD_ASSURANCE } as VerificationEntity['policy'],
  status: 'in_progress',
  proofs: [],
  ...overrides,
});

describe('assertionUnavailable', () => {
  it('lets a user with a passkey assert it while a verification under proofs is in progress', () => {
    expect(assertionUnavailable(underProofs(), 1)).toBeUndefined();
    expect(assertionUnavailable(underProofs({ policy: { assurance: PRIVILEGED_ASSURANCE } as Facts['policy'] }), 2)).toBeUndefined();
  });

  it('refuses under the question rule, where a passkey decides nothing', () => {
    expect(assertionUnavailable(underProofs({ policy: {} as Facts['policy'] }), 1)).toMatch(/not decided by proofs/);
  });

  it('refuses a policy that does not count passkeys', () => {
    const policy = { assurance: { name: 'vouch-only', required: ['destination_of_record'], strong: { count: 1, from: ['vouch'] } } };
    expect(assertionUnavailable(underProofs({ policy: policy as Facts['policy'] }), 1)).toMatch(/vouch-only policy does not use/);
  });

  it('refuses outside a session in progress, once met, and without a passkey', () => {
    expect(assertionUnavailable(underProofs({ status: 'passed' }), 1)).toMatch(/not in progress/);
    const met = { kind: 'recovery_passkey' as const, status: 'met' as const, detail: '', at: '' };
    expect(assertionUnavailable(underProofs({ proofs: [met] }), 1)).toMatch(/already confirmed/);
    expect(assertionUnavailable(underProofs(), 0)).toMatch(/no recovery passkey yet/);
  });

  it('lets a user try again after an earlier attempt that did not hold', () => {
    const failed = { kind: 'recovery_passkey' as const, status: 'failed' as const, detail: '', at: '' };
    expect(assertionUnavailable(underProofs({ proofs: [failed] }), 1)).toBeUndefined();
  });
});

describe('enrolmentUnavailable', () => {
  const byProofs = { policy: { assurance: STANDARD_ASSURANCE } } as Pick<VerificationEntity, 'policy'>;
  const byQuestions = { policy: {} } as Pick<VerificationEntity, 'policy'>;

  it('allows an enrolment only after a pass', () => {
    expect(enrolmentUnavailable({ ...byProofs, outcome: 'passed' }, 0)).toBeUndefined();
    for (const outcome of ['failed', 'needs_referee', 'timed_out', null] as const) {
      expect(enrolmentUnavailable({ ...byProofs, outcome }, 0)).toMatch(/only right after you are verified/);
    }
  });

  it('refuses after a pass on questions alone: a weak pass must not mint a strong proof', () => {
    expect(enrolmentUnavailable({ ...byQuestions, outcome: 'passed' }, 0)).toMatch(/only after a check by proofs/);
  });

  it('keeps each user within the limit', () => {
    expect(enrolmentUnavailable({ ...byProofs, outcome: 'passed' }, MAX_PASSKEYS_PER_USER - 1)).toBeUndefined();
    expect(enrolmentUnavailable({ ...byProofs, outcome: 'passed' }, MAX_PASSKEYS_PER_USER)).toMatch(/already have 10/);
  });
});
