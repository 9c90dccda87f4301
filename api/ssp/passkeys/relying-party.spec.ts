import { relyingParty } from './relying-party';

describe('relyingParty', () => {
  it('takes the RP ID from the host name and the origin from PUBLIC_URL, path and port included as WebAuthn needs', () => {
    expect(relyingParty('https://verify.example.com/resetgate')).toEqual({
      id: 'verify.example.com',
      origin: 'https://verify.example.com',
      name: 'ResetGate',
    });
    expect(relyingParty('http://localhost:3000')).toMatchObject({ id: 'localhost', origin: 'http://localhost:3000' });
  });

  it('has none on an IP address, which WebAuthn refuses as an RP ID', () => {
    expect(relyingParty('http://127.0.0.1:3000')).toBeNull();
    expect(relyingParty('http://[::1]:3000')).toBeNull();
  });
});
