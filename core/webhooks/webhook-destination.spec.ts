import { checkWebhookDestination, nonPublicKind, publicOnlyLookup, WebhookDestinationRefused } from './webhook-destination';

describe('nonPublicKind', () => {
  test.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local (the cloud metadata service)'],
    ['169.254.10.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['100.100.100.200', 'shared (carrier-grade NAT)'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'private (the cloud metadata service)'],
    ['fc12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::7f00:1', 'IPv4-compatible'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['64:ff9b:1::a00:1', 'NAT64 (local use)'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.254', 'benchmarking'],
    ['192.0.0.170', 'protocol-assignment (IETF)'],
  ])('%s is %s', (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  test.each([
    '8.8.8.8',
    '198.20.0.1',
    '192.0.1.1',
    '2001:db9::1',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(nonPublicKind(address)).toBeNull();
  });
});

describe('checkWebhookDestination', () => {
  test.each([
    ['http://127.0.0.1:8080/hook', '127.0.0.1 is a loopback address'],
    ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/hook', '127.0.0.1 is a loopback address'],
    ['https://[::1]/hook', '::1 is a loopback address'],
    ['https://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local (the cloud metadata service) address'],
    ['http://169.254.169.254./latest/meta-data/', '169.254.169.254 is a link-local (the cloud metadata service) address'],
    // A name is resolved by the system resolver, as the connection will be: localhost is in /etc/hosts.
    ['http://localhost:3000/hook', /^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/],
  ])('%s is refused', async (url, message) => {
    const refusal = checkWebhookDestination(url);
    await expect(refusal).rejects.toBeInstanceOf(WebhookDestinationRefused);
    await expect(refusal).rejects.toThrow(message);
  });

  test('a public literal passes; a name that does not resolve fails with the resolver error, not as refused', async () => {
    await expect(checkWebhookDestination('https://93.184.215.14/hook')).resolves.toBeUndefined();
    await expect(checkWebhookDestination('https://[2606:4700:4700::1111]/hook')).resolves.toBeUndefined();
    const unresolvable = checkWebhookDestination('https://receiver.invalid/hook');
    await expect(unresolvable).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(unresolvable).rejects.not.toBeInstanceOf(WebhookDestinationRefused);
  });
});

test('the connection-time lookup refuses internal addresses and passes public ones, in both callback forms', async () => {
  const lookup = (host: string, all: boolean) =>
    new Promise((resolve) => publicOnlyLookup(host, { all }, (err, address, family) => resolve({ err, address, family })));
  for (const all of [true, false]) {
    expect(((await lookup('localhost', all)) as { err: unknown }).err).toBeInstanceOf(WebhookDestinationRefused);
  }
  // The resolver answers a literal without the network: the public path, as a name would take it.
  expect(await lookup('93.184.215.14', true)).toEqual({ err: null, address: [{ address: '93.184.215.14', family: 4 }], family: undefined });
  expect(await lookup('93.184.215.14', false)).toEqual({ err: null, address: '93.184.215.14', family: 4 });
});
