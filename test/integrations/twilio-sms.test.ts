import { ApplicationFailure } from '@temporalio/common';
import { TwilioSmsSender } from '../../activities/delivery/twilio-sms-sender';
import { MessageStatusEntity } from '../../core/database/entities';
import { type FakeTwilio, postStatusCallback, startFakeTwilio, twilioSignature } from '../support/fake-twilio';
import { startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';

/**
 * SMS through the real twilio SDK against a local peer that speaks Twilio's REST API, and status
 * callbacks that count only with Twilio's signature over the exact public URL.
 */
let twilio: FakeTwilio;
let stack: Stack;
const FROM = '+15005550006';
const INVALID_NUMBER = '+15005550001';

beforeAll(async () => {
  twilio = await startFakeTwilio();
  twilio.invalidNumbers.add(INVALID_NUMBER);
  stack = await startStack({
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: FROM,
    TWILIO_API_BASE_URL: twilio.url,
  });
});
afterAll(async () => {
  await stack?.stop();
  await twilio?.close();
});

const messagesPath = () => `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`;
const basicAuth = () => `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;

describe('TwilioSmsSender with the real SDK', () => {
  const message = { channel: 'sms' as const, to: '+447700900123', body: 'Open https://rg.test/ssp/#token=abc', verificationId: 'v1' };

  test('posts To, From, Body and StatusCallback as a form, with basic auth, to the Messages resource', async () => {
    const before = twilio.calls.length;
    const sender = new TwilioSmsSender(
      { accountSid: twilio.accountSid, authToken: twilio.authToken, from: FROM, apiBaseUrl: twilio.url, lookup: false },
      'https://rg.test/api/v1/twilio/status',
    );
    const sent = await sender.send(message);
    const recorded = twilio.calls[before];
    expect(recorded).toMatchObject({ method: 'POST', path: messagesPath(), authorization: basicAuth() });
    expect(recorded.contentType).toMatch(/application\/x-www-form-urlencoded/);
    expect(recorded.form).toEqual({
      To: message.to,
      From: FROM,
      Body: message.body,
      StatusCallback: 'https://rg.test/api/v1/twilio/status',
    });
    expect(sent).toEqual({ provider: 'twilio', providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued' });
  });

  test('a Messaging Service replaces From', async () => {
    const before = twilio.calls.length;
    const messagingServiceSid = `MG${'a'.repeat(32)}`;
    const sender = new TwilioSmsSender(
      { accountSid: twilio.accountSid, authToken: twilio.authToken, messagingServiceSid, apiBaseUrl: twilio.url, lookup: false },
      'https://rg.test/cb',
    );
    expect((await sender.send(message)).status).toBe('accepted');
    expect(twilio.calls[before].form).toEqual({
      To: message.to,
      MessagingServiceSid: messagingServiceSid,
      Body: message.body,
      StatusCallback: 'https://rg.test/cb',
    });
  });

  test('an invalid number is a final refusal; a 500 is left to the retry policy', async () => {
    const sender = new TwilioSmsSender(
      { accountSid: twilio.accountSid, authToken: twilio.authToken, from: FROM, apiBaseUrl: twilio.url, lookup: false },
      'https://rg.test/cb',
    );
    const refused = await sender.send({ ...message, to: INVALID_NUMBER }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ nonRetryable: true, type: 'DeliveryRefused', message: expect.stringMatching(/400 21211/) });

    twilio.failNext(1);
    const outage = await sender.send(message).catch((err: unknown) => err);
    expect(outage).toBeInstanceOf(Error);
    expect(outage).not.toBeInstanceOf(ApplicationFailure);
    expect((outage as { status?: number }).status).toBe(500);
  });
});

describe('a verification by SMS through the stack', () => {
  let verificationId: string;
  let messageSid: string;
  const callbackUrl = () => `${stack.baseUrl}/api/v1/twilio/status`;

  async function statusRow(sid: string) {
    return stack.db.dataSource.getRepository(MessageStatusEntity).findOneBy({ provider: 'twilio', providerMessageId: sid });
  }
  function callbackParams(status: string, extra: Record<string, string> = {}) {
    return {
      AccountSid: twilio.accountSid,
      ApiVersion: '2010-04-01',
      From: FROM,
      MessageSid: messageSid,
      MessageStatus: status,
      SmsSid: messageSid,
      SmsStatus: status,
      To: '+447700900555',
      ...extra,
    };
  }

  test('the link goes out through Twilio with a status callback, and works', async () => {
    const user = (
      await stack.db.dataSource.query(
        `SELECT email, mobile_phone FROM directory_users u WHERE manager_id IS NOT NULL AND cardinality(groups) > 1 AND mobile_phone IS NOT NULL
           AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id) ORDER BY id LIMIT 1`,
      )
    )[0];
    const before = twilio.calls.length;
    const created = await call(stack, 'POST', '/api/v1/verifications', {
      body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
    });
    expect(created.status).toBe(201);
    verificationId = created.body.id;
    const [recorded] = (await twilio.waitForCalls(before + 1)).slice(before);
    expect(recorded).toMatchObject({ method: 'POST', path: messagesPath(), authorization: basicAuth() });
    expect(recorded.form).toMatchObject({ To: user.mobile_phone, From: FROM, StatusCallback: callbackUrl() });
    const link = /(http\S+\/ssp\/#token=[\w-]{43})/.exec(recorded.form.Body)?.[1];
    expect(link?.startsWith(`${stack.baseUrl}/ssp/#token=`)).toBe(true);

    const outbox = await call(stack, 'GET', `/api/v1/dev/outbox?verificationId=${verificationId}`);
    expect(outbox.body.items).toEqual([]);
    const sent = await waitForVerification(stack, verificationId, ['link_sent']);
    expect(sent.deliveries).toEqual([
      expect.objectContaining({ purpose: 'verification_link', channel: 'sms', provider: 'twilio', status: 'queued', errorCode: null }),
    ]);
    messageSid = (
      await stack.db.dataSource.query(`SELECT provider_message_id FROM deliveries WHERE verification_id = $1`, [verificationId])
    )[0].provider_message_id;

    const { res } = await startSession(stack, tokenOf(link!));
    expect(res.status).toBe(201);
  });

  test('signed callbacks move the status forward, never back', async () => {
    for (const status of ['sent', 'delivered', 'sent']) {
      const params = callbackParams(status);
      const res = await postStatusCallback(callbackUrl(), params, twilioSignature(twilio.authToken, callbackUrl(), params));
      expect(res.status).toBe(204);
    }
    const view = await call(stack, 'GET', `/api/v1/verifications/${verificationId}`);
    expect(view.body.deliveries[0]).toMatchObject({ provider: 'twilio', status: 'delivered', statusAt: expect.any(String) });
  });

  test('a missing, forged or wrongly-addressed signature is a 403 problem and changes nothing', async () => {
    const before = await statusRow(messageSid);
    const failed = callbackParams('failed', { ErrorCode: '30008' });
    const hostUrl = callbackUrl().replace('127.0.0.1', 'localhost');
    const attempts: [string, string | null][] = [
      ['missing', null],
      ['garbage', 'not-a-signature'],
      ['another token', twilioSignature('0'.repeat(32), callbackUrl(), failed)],
      ['another URL (the Host header, not PUBLIC_URL)', twilioSignature(twilio.authToken, hostUrl, failed)],
      ['other parameters', twilioSignature(twilio.authToken, callbackUrl(), callbackParams('delivered'))],
    ];
    for (const [, signature] of attempts) {
      const res = await postStatusCallback(callbackUrl(), failed, signature);
      expect(res.status).toBe(403);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('https://resetgate.dev/problems/signature-invalid');
    }
    expect(await statusRow(messageSid)).toEqual(before);
    expect(before?.status).toBe('delivered');
  });

  test('a signed callback with a bad status is a 400 problem; JSON to the callback is refused', async () => {
    const before = await statusRow(messageSid);
    const params = callbackParams('exploded');
    const bad = await postStatusCallback(callbackUrl(), params, twilioSignature(twilio.authToken, callbackUrl(), params));
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('https://resetgate.dev/problems/validation-failed');
    const json = await call(stack, 'POST', '/api/v1/twilio/status', { body: callbackParams('failed'), key: null });
    expect(json.status).toBe(403);
    expect(await statusRow(messageSid)).toEqual(before);
  });

  test('undelivered with an error code shows on the verification', async () => {
    const params = callbackParams('undelivered', { ErrorCode: '30003' });
    // A late callback for a message already at its final status changes nothing, so use a fresh message.
    await stack.db.dataSource.query(`UPDATE message_statuses SET status = 'sent', status_rank = 4 WHERE provider_message_id = $1`, [
      messageSid,
    ]);
    const res = await postStatusCallback(callbackUrl(), params, twilioSignature(twilio.authToken, callbackUrl(), params));
    expect(res.status).toBe(204);
    const view = await call(stack, 'GET', `/api/v1/verifications/${verificationId}`);
    expect(view.body.deliveries[0]).toMatchObject({ status: 'undelivered', errorCode: '30003' });
  });

  test('a number Twilio refuses ends the verification at once as delivery_failed', async () => {
    const user = (
      await stack.db.dataSource.query(`SELECT email FROM directory_users WHERE manager_id IS NOT NULL ORDER BY id OFFSET 5 LIMIT 1`)
    )[0];
    const created = await call(stack, 'POST', '/api/v1/verifications', {
      body: { user: user.email, channel: 'sms', destination: INVALID_NUMBER, reason: 'password_reset' },
    });
    expect(created.status).toBe(201);
    const ended = await waitForVerification(stack, created.body.id, ['cancelled'], 15_000);
    expect(ended).toMatchObject({
      cancelReason: 'delivery_failed',
      outcomeReason: expect.stringMatching(/Twilio refused the message: 400 21211/),
    });
  });
});
