import { validateDestination } from './destination';

describe('validateDestination', () => {
  const org = ['example.com'];
  test('accepts E.164 numbers and personal email', () => {
    expect(validateDestination('sms', '+447700900123', org)).toBe('+447700900123');
    expect(validateDestination('email', 'Someone@Gmail.com', org)).toBe('someone@gmail.com');
  });
  test('refuses national numbers, the organisation’s domains and its subdomains', () => {
    expect(() => validateDestination('sms', '07700900123', org)).toThrow(/E\.164/);
    expect(() => validateDestination('email', 'a@example.com', org)).toThrow(/belong to the organisation/);
    expect(() => validateDestination('email', 'a@mail.example.com', org)).toThrow(/belong to the organisation/);
    expect(() => validateDestination('email', 'a@notexample.com', org)).not.toThrow();
  });
});
