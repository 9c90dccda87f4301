import { PROOF_KINDS, PROOF_WORDS, RECOVERY_CLASS_WORDS } from '../../../../workflows/verification/assurance';
import { OPEN_STATUSES, principalName, PROOF, RECOVERY_CLASS, STATUS } from './labels';

describe('principalName', () => {
  it('shows a person by their email address', () => {
    expect(principalName('user:agent@example.com')).toBe('agent@example.com');
  });

  it('shows an API key by its name', () => {
    expect(principalName('apikey:ivr')).toBe('API key ivr');
  });

  it('shows any other principal as it is', () => {
    expect(principalName('system')).toBe('system');
    expect(principalName('')).toBe('');
  });

  it('reads only the prefix: "user:" further in is part of the name', () => {
    expect(principalName('apikey:user:x')).toBe('API key user:x');
  });
});

describe('STATUS', () => {
  it('the open statuses are the ones the agent waits on', () => {
    for (const status of OPEN_STATUSES) expect(STATUS[status].tone).toBe('wait');
    const waiting = Object.entries(STATUS)
      .filter(([, info]) => info.tone === 'wait')
      .map(([status]) => status);
    expect(waiting.sort()).toEqual([...OPEN_STATUSES].sort());
  });

  it('says what every status means, in a sentence', () => {
    for (const info of Object.values(STATUS)) {
      expect(info.label).not.toBe('');
      expect(info.meaning).toMatch(/^[A-Z].*\.$/);
    }
  });
});

// The console cannot import server code, so it keeps a copy of the server's words: a spec may read both.
describe('the proofs, in the server’s words', () => {
  it('has every proof the workflow knows, each with the sentence the server uses in reasons', () => {
    expect(Object.keys(PROOF).sort()).toEqual([...PROOF_KINDS].sort());
    for (const kind of PROOF_KINDS) expect(PROOF[kind].words).toBe(PROOF_WORDS[kind]);
  });

  it('names each NIST recovery class as the server does', () => {
    for (const [recoveryClass, words] of Object.entries(RECOVERY_CLASS)) {
      expect(RECOVERY_CLASS_WORDS[recoveryClass as keyof typeof RECOVERY_CLASS_WORDS]).toBe(`${words} (NIST SP 800-63B-4 §4.2)`);
    }
  });
});
