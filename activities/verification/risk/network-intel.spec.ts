import { NetworkIntel } from './network-intel';

/** Real lookups against the offline databases shipped in npm packages. */
const intel = NetworkIntel.load();

test('public resolvers resolve to their country and hosting networks', () => {
  expect(intel.lookup('8.8.8.8')).toMatchObject({ country: 'US', asn: 15169, kind: 'hosting' });
  expect(intel.lookup('1.1.1.1')).toMatchObject({ asn: 13335, kind: 'hosting' });
  expect(intel.lookup('2001:4860:4860::8888')).toMatchObject({ asn: 15169, kind: 'hosting' });
});

test('a home broadband address is residential and geolocated', () => {
  // BT's consumer broadband range.
  expect(intel.lookup('86.128.0.1')).toMatchObject({ country: 'GB', kind: 'residential' });
});

test('private and malformed addresses are recognised, never looked up', () => {
  expect(intel.lookup('127.0.0.1').kind).toBe('private');
  expect(intel.lookup('::ffff:192.168.1.20')).toMatchObject({ ip: '192.168.1.20', kind: 'private' });
  expect(intel.lookup('not an ip').kind).toBe('unknown');
  expect(intel.lookup(undefined).kind).toBe('unknown');
});
