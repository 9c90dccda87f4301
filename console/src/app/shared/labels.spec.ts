import { OPEN_STATUSES, principalName, STATUS } from './labels';

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
