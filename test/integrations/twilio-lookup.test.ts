import { TwilioLookup } from '../../activities/delivery/destination-lookup';
import { type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';

/** The SIM-swap and line-type check with the real Twilio SDK, against a local peer speaking Lookup v2. */
let twilio: FakeTwilio;
let lookup: TwilioLookup;
beforeAll(async () => {
  twilio = await startFakeTwilio();
  lookup = new TwilioLookup({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+15005550006',
    apiBaseUrl: twilio.url,
    lookup: true,
  });
});
afterAll(() => twilio?.close());

test('asks Lookup v2 for sim_swap and line_type_intelligence, with basic auth; a clean mobile line is not held against anyone', async () => {
  const finding = await lookup.check('+447700900001');
  expect(finding).toEqual({
    against: null,
    evidence: { lookup: 'twilio', simSwappedInPeriod: false, swapPeriod: 'PT48H', lineType: 'mobile' },
  });
  const call = twilio.calls.at(-1)!;
  expect(call).toMatchObject({ method: 'GET', path: '/v2/PhoneNumbers/+447700900001' });
  expect(call.authorization).toBe(`Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`);
});

test('a SIM changed within the period counts against the caller, saying when', async () => {
  twilio.lookups.set('+447700900002', { swapped: true });
  expect(await lookup.check('+447700900002')).toMatchObject({
    against: "the number's SIM was changed within the last 48 hours",
    evidence: { simSwappedInPeriod: true },
  });
});

test('a VoIP line counts against the caller', async () => {
  twilio.lookups.set('+15005550009', { lineType: 'nonFixedVoip' });
  expect((await lookup.check('+15005550009')).against).toBe('the number is a VoIP line (nonFixedVoip)');
});

test('no data, or an outage, is written down and not held against the caller', async () => {
  twilio.lookups.set('+447700900003', { status: 404 });
  expect(await lookup.check('+447700900003')).toEqual({ against: null, evidence: { lookup: 'no data', lookupError: 404 } });
  twilio.lookups.set('+447700900004', { status: 500 });
  expect(await lookup.check('+447700900004')).toEqual({ against: null, evidence: { lookup: 'unavailable', lookupError: 500 } });
});
