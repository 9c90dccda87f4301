import { signInMethod } from './sign-in-method';

const now = new Date('2026-12-02T10:00:00Z');
const at = (secondsAgo: number) => now.getTime() / 1000 - secondsAgo;

describe('signInMethod', () => {
  test('a security key a minute ago is phishing-resistant and fresh', () => {
    expect(signInMethod({ amr: ['hwk', 'user'], auth_time: at(60) }, now)).toEqual({
      amr: ['hwk', 'user'],
      acr: null,
      authTime: '2026-12-02T09:59:00.000Z',
      phishingResistant: true,
    });
  });

  test('an acr that says phishing-resistant counts too', () => {
    expect(signInMethod({ acr: 'phrh', auth_time: at(10) }, now).phishingResistant).toBe(true);
  });

  test('a password, an SMS code or a push approval does not', () => {
    expect(signInMethod({ amr: ['pwd', 'sms', 'mfa'], auth_time: at(10) }, now).phishingResistant).toBe(false);
  });

  test('a stale sign-in does not, nor one without auth_time', () => {
    expect(signInMethod({ amr: ['hwk'], auth_time: at(3600) }, now).phishingResistant).toBe(false);
    expect(signInMethod({ amr: ['hwk'] }, now)).toMatchObject({ authTime: null, phishingResistant: false });
  });

  test('claims of the wrong type are ignored, not trusted', () => {
    expect(signInMethod({ amr: 'hwk', acr: 7, auth_time: 'yesterday' }, now)).toEqual({
      amr: [],
      acr: null,
      authTime: null,
      phishingResistant: false,
    });
  });
});
