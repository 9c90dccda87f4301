import { promptFailure } from './webauthn';

describe('promptFailure', () => {
  it('reads a cancelled or timed-out prompt as cancelled', () => {
    expect(promptFailure({ name: 'NotAllowedError', code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY' })).toBe('cancelled');
    expect(promptFailure({ name: 'AbortError', code: 'ERROR_CEREMONY_ABORTED' })).toBe('cancelled');
  });

  it('recognises a device that already holds the passkey', () => {
    expect(promptFailure({ name: 'InvalidStateError', code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' })).toBe('already_added');
  });

  it('reads anything else, or nothing, as a failure', () => {
    expect(promptFailure({ name: 'SecurityError', code: 'ERROR_INVALID_RP_ID' })).toBe('failed');
    expect(promptFailure(new TypeError('boom'))).toBe('failed');
    expect(promptFailure(undefined)).toBe('failed');
  });
});
