import { signedInAsUser } from './identity-match';

describe('signedInAsUser', () => {
  it('matches the corporate address from email, preferred_username or upn, ignoring case', () => {
    expect(signedInAsUser({ email: 'Priya.Patel@Example.com' }, 'priya.patel@example.com')).toBe(true);
    expect(signedInAsUser({ preferred_username: 'priya.patel@example.com' }, 'priya.patel@example.com')).toBe(true);
    expect(signedInAsUser({ upn: 'priya.patel@example.com' }, 'priya.patel@example.com')).toBe(true);
  });

  it('refuses anyone else, a look-alike, or a missing claim', () => {
    expect(signedInAsUser({ email: 'mallory@example.com' }, 'priya.patel@example.com')).toBe(false);
    expect(signedInAsUser({ email: 'priya.patel@example.com.evil.test' }, 'priya.patel@example.com')).toBe(false);
    expect(signedInAsUser({ sub: 'priya.patel@example.com' }, 'priya.patel@example.com')).toBe(false);
    expect(signedInAsUser({ email: ['priya.patel@example.com'] }, 'priya.patel@example.com')).toBe(false);
  });
});
