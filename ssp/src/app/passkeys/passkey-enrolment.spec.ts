import { sspApi } from '../api/ssp-client';
import { PasskeyEnrolment } from './passkey-enrolment';
import type { WebAuthnPrompts } from './webauthn';

const response = (status: number) => ({ status }) as Response;
const ok = (data: unknown) => Promise.resolve({ data, response: response(200) });
const refused = (status: number, slug: string) => Promise.resolve({ error: { type: `/problems/${slug}` }, response: response(status) });

function setUp(answers: Record<string, () => Promise<unknown>>) {
  const calls: { path: string; body?: unknown }[] = [];
  jest.spyOn(sspApi, 'POST').mockImplementation(((path: string, init?: { body?: unknown }) => {
    calls.push({ path, body: init?.body });
    return answers[path]();
  }) as never);
  const prompts = { supported: () => true, authenticate: jest.fn(), register: jest.fn(() => Promise.resolve({ id: 'new' })) };
  const enrolment = new PasskeyEnrolment(prompts as unknown as WebAuthnPrompts);
  enrolment.offer();
  return { enrolment, prompts, calls };
}

afterEach(() => jest.restoreAllMocks());

describe('PasskeyEnrolment', () => {
  const options = { challenge: 'c', rp: { id: 'localhost', name: 'ResetGate' } };

  it('asks for the options, opens the browser’s prompt, and sends the new passkey back', async () => {
    const { enrolment, prompts, calls } = setUp({
      '/api/v1/ssp/passkeys/registration/options': () => ok(options),
      '/api/v1/ssp/passkeys/registration/verify': () => ok({ credentialIdPrefix: 'abcdefgh' }),
    });
    const adding = enrolment.add();
    expect(enrolment.state()).toBe('adding');
    await adding;
    expect(prompts.register).toHaveBeenCalledWith(options);
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/ssp/passkeys/registration/options', '/api/v1/ssp/passkeys/registration/verify']);
    expect(calls[1].body).toEqual({ id: 'new' });
    expect(enrolment.state()).toBe('added');
  });

  it('adds once however often the button is pressed', async () => {
    const { enrolment, calls } = setUp({
      '/api/v1/ssp/passkeys/registration/options': () => ok(options),
      '/api/v1/ssp/passkeys/registration/verify': () => ok({ credentialIdPrefix: 'abcdefgh' }),
    });
    await Promise.all([enrolment.add(), enrolment.add()]);
    expect(calls).toHaveLength(2);
  });

  it('offers it again, with a note, when the prompt is cancelled or the answer refused', async () => {
    const cancelled = setUp({ '/api/v1/ssp/passkeys/registration/options': () => ok(options) });
    cancelled.prompts.register.mockRejectedValueOnce(Object.assign(new Error('no'), { name: 'NotAllowedError' }));
    await cancelled.enrolment.add();
    expect([cancelled.enrolment.state(), cancelled.enrolment.notice()]).toEqual(['offered', 'cancelled']);
    jest.restoreAllMocks();

    const refusedAnswer = setUp({
      '/api/v1/ssp/passkeys/registration/options': () => ok(options),
      '/api/v1/ssp/passkeys/registration/verify': () => refused(400, 'passkey-refused'),
    });
    await refusedAnswer.enrolment.add();
    expect([refusedAnswer.enrolment.state(), refusedAnswer.enrolment.notice()]).toEqual(['offered', 'failed']);
  });

  it('says so when the device already holds the passkey', async () => {
    const { enrolment, prompts } = setUp({ '/api/v1/ssp/passkeys/registration/options': () => ok(options) });
    prompts.register.mockRejectedValueOnce(Object.assign(new Error('dup'), { name: 'InvalidStateError' }));
    await enrolment.add();
    expect(enrolment.state()).toBe('already_added');
  });

  it('closes when the few minutes after the pass are over', async () => {
    const { enrolment } = setUp({ '/api/v1/ssp/passkeys/registration/options': () => refused(401, 'passkey-enrolment-invalid') });
    await enrolment.add();
    expect(enrolment.state()).toBe('closed');
  });

  it('can be declined', () => {
    const { enrolment } = setUp({});
    enrolment.decline();
    expect(enrolment.state()).toBe('declined');
  });
});
