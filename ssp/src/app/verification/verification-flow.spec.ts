/**
 * @jest-environment jsdom
 */
import { type ClientSignals, RETRIES, type SessionQuestion, type SessionView, sspApi } from '../api/ssp-client';
import { PasskeyEnrolment } from '../passkeys/passkey-enrolment';
import { PasskeyProof } from '../passkeys/passkey-proof';
import type { WebAuthnPrompts } from '../passkeys/webauthn';
import type { PageSignals } from './page-signals';
import { VouchRequest } from '../vouch/vouch-request';
import { VerificationFlow } from './verification-flow';

const SIGNALS: ClientSignals = { timezone: 'Europe/London', pasteCount: 0, focusLossCount: 1 };
const pageSignals = { snapshot: () => SIGNALS } as PageSignals;

const question = (id: string, answered = false): SessionQuestion => ({
  id,
  kind: 'groups',
  type: 'single',
  text: `Question ${id}`,
  options: [{ id: `${id}-a`, label: 'A' }],
  answered,
});

const session = (questions: SessionQuestion[], offered = false, passkeyOffered = false): SessionView => ({
  sessionExpiresAt: '2026-07-01T12:10:00.000Z',
  stepUp: { offered, result: null },
  passkey: { offered: passkeyOffered, asserted: false },
  identityDocument: { offered: false, done: false },
  total: questions.length,
  answered: questions.filter((q) => q.answered).length,
  questions,
});

/** What openapi-fetch resolves to: data on success, the problem and the response otherwise (jsdom has no Response: the flow reads only its status). */
const response = (status: number) => ({ status }) as Response;
type Answer = Promise<{ data?: unknown; error?: unknown; response: Response }>;
const ok = (data: unknown = {}): Answer => Promise.resolve({ data, response: response(200) });
const refused = (status: number, slug: string): Answer =>
  Promise.resolve({ error: { type: `/problems/${slug}` }, response: response(status) });

/** Answers for each API path, in order; a path asked more often than answered fails the spec. */
function api(answers: Record<string, (() => Answer)[]>) {
  const calls: { path: string; body?: unknown }[] = [];
  const answer = (path: string, init?: { body?: unknown }) => {
    calls.push({ path, body: init?.body });
    const next = answers[path]?.shift();
    if (!next) throw new Error(`no answer for ${path}`);
    return next();
  };
  jest.spyOn(sspApi, 'GET').mockImplementation(answer as never);
  jest.spyOn(sspApi, 'POST').mockImplementation(answer as never);
  return calls;
}

/** The browser's passkey prompts (Chromium's real ones are exercised by test/browser/ssp-passkey.test.ts). */
let prompts: { supported: jest.Mock; authenticate: jest.Mock; register: jest.Mock };
let enrolment: PasskeyEnrolment;
beforeEach(() => {
  sessionStorage.clear();
  prompts = { supported: jest.fn(() => true), authenticate: jest.fn(() => Promise.resolve({ id: 'cred' })), register: jest.fn() };
  enrolment = new PasskeyEnrolment(prompts as unknown as WebAuthnPrompts);
});

/** Opens the portal at this address (the link's `#token=…`, or the return from the organisation's sign-in). */
function openAt(url: string): VerificationFlow {
  history.replaceState(null, '', url);
  const webauthn = prompts as unknown as WebAuthnPrompts;
  return new VerificationFlow(pageSignals, webauthn, new PasskeyProof(webauthn), enrolment, new VouchRequest());
}

/** Lets the flow's awaited calls finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  jest.restoreAllMocks();
});

describe('VerificationFlow: opening the link', () => {
  it('reads the token from the fragment, then removes it from the address bar', () => {
    const flow = openAt('/ssp/#token=tok_abc-123');
    expect(flow.step()).toBe('landing');
    expect(location.href).toBe('http://localhost/ssp/');
  });

  it('without a token the link cannot be used', () => {
    expect(openAt('/ssp/').step()).toBe('invalid');
    expect(openAt('/ssp/#other=1').step()).toBe('invalid');
  });

  it('spends nothing until Start is pressed', () => {
    const calls = api({});
    openAt('/ssp/#token=tok_abc');
    expect(calls).toEqual([]);
  });
});

describe('VerificationFlow: starting', () => {
  it('sends the token with the page’s signals, then shows the first unanswered question', async () => {
    const calls = api({
      '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })],
      '/api/v1/ssp/session': [() => ok(session([question('q1', true), question('q2'), question('q3')]))],
    });
    const flow = openAt('/ssp/#token=tok_abc');
    const started = flow.start();
    expect(flow.step()).toBe('starting');
    expect(flow.busy()).toBe(true);
    await started;
    expect(calls[0]).toEqual({ path: '/api/v1/ssp/sessions', body: { token: 'tok_abc', signals: SIGNALS } });
    expect(flow.step()).toBe('question');
    expect(flow.current()?.id).toBe('q2');
    expect(flow.sessionExpiresAt()).toEqual(new Date('2026-07-01T12:10:00.000Z'));
    expect(flow.busy()).toBe(false);
  });

  it('starts once however often Start is pressed', async () => {
    const calls = api({
      '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })],
      '/api/v1/ssp/session': [() => ok(session([question('q1')]))],
    });
    const flow = openAt('/ssp/#token=tok_abc');
    await Promise.all([flow.start(), flow.start()]);
    expect(calls.filter((c) => c.path === '/api/v1/ssp/sessions')).toHaveLength(1);
  });

  it('offers signing in at the organisation first, where the policy allows it', async () => {
    api({
      '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })],
      '/api/v1/ssp/session': [() => ok(session([question('q1')], true))],
    });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    expect(flow.step()).toBe('step_up');
    flow.skipSignIn();
    expect(flow.step()).toBe('question');
  });

  it('ends at once when the directory knows too little to ask', async () => {
    api({ '/api/v1/ssp/sessions': [() => ok({ status: 'not_enough_questions' })] });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    expect(flow.step()).toBe('not_enough');
  });

  it.each([
    ['a spent or unknown link', 410, 'link-invalid', 'invalid', ''],
    ['a session that ended', 409, 'session-invalid', 'expired', ''],
    ['any 401', 401, 'unauthorized', 'expired', ''],
    ['too many attempts', 429, 'rate-limited', 'error', 'Too many attempts from your network. Wait a minute, then try again.'],
    ['a server error', 500, 'internal', 'error', ''],
  ])('shows the right page for %s', async (_, status, slug, step, detail) => {
    api({ '/api/v1/ssp/sessions': [() => refused(status, slug)] });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    expect(flow.step()).toBe(step);
    expect(flow.errorDetail()).toBe(detail);
    expect(flow.busy()).toBe(false);
  });

  it('retries a dropped connection a few times, then shows the error page instead of throwing', async () => {
    jest.useFakeTimers();
    const post = jest.spyOn(sspApi, 'POST').mockRejectedValue(new TypeError('fetch failed'));
    const flow = openAt('/ssp/#token=tok_abc');
    const started = flow.start();
    await jest.advanceTimersByTimeAsync(30_000);
    await expect(started).resolves.toBeUndefined();
    expect(post).toHaveBeenCalledTimes(RETRIES + 1);
    expect(flow.step()).toBe('error');
    jest.useRealTimers();
  });

  it('after a reload (the token is gone from the address), Start resumes with the same token and attempt key', async () => {
    const post = jest
      .spyOn(sspApi, 'POST')
      .mockResolvedValue({ error: { type: '/problems/internal-error' }, response: response(500) } as never);
    await openAt('/ssp/#token=tok_abc').start();
    const reloaded = openAt('/ssp/');
    expect(reloaded.step()).toBe('landing');
    await reloaded.start();
    const sent = post.mock.calls.map((c) => c[1] as { body: { token: string }; headers: Record<string, string> });
    expect(sent.map((s) => s.body.token)).toEqual(['tok_abc', 'tok_abc']);
    expect(sent[1].headers['Idempotency-Key']).toBe(sent[0].headers['Idempotency-Key']);
  });

  it('forgets the attempt once the journey ends: a reload then finds no link', async () => {
    api({ '/api/v1/ssp/sessions': [() => refused(404, 'link-invalid')] });
    await openAt('/ssp/#token=tok_abc').start();
    expect(openAt('/ssp/').step()).toBe('invalid');
  });

  it('rides out a 503: waits the Retry-After, and sends Start again with the same attempt key', async () => {
    jest.useFakeTimers();
    const unavailable = { status: 503, headers: new Headers({ 'retry-after': '2' }) } as Response;
    const post = jest
      .spyOn(sspApi, 'POST')
      .mockResolvedValueOnce({ error: { type: '/problems/workflow-service-unavailable' }, response: unavailable } as never)
      .mockResolvedValueOnce({ data: { status: 'not_enough_questions' }, response: response(201) } as never);
    const flow = openAt('/ssp/#token=tok_abc');
    const started = flow.start();
    await jest.advanceTimersByTimeAsync(1_900);
    expect(post).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(200);
    await started;
    expect(post).toHaveBeenCalledTimes(2);
    const keys = post.mock.calls.map((c) => (c[1] as { headers: Record<string, string> }).headers['Idempotency-Key']);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(flow.step()).toBe('not_enough');
    jest.useRealTimers();
  });
});

describe('VerificationFlow: answering', () => {
  async function onFirstQuestion(more: Record<string, (() => Answer)[]>) {
    const calls = api({
      '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })],
      '/api/v1/ssp/session': [() => ok(session([question('q1'), question('q2')]))],
      ...more,
    });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    return { flow, calls };
  }

  it('sends each answer, with whole milliseconds, then shows the next question', async () => {
    const { flow, calls } = await onFirstQuestion({ '/api/v1/ssp/session/answers': [() => ok()] });
    await flow.answer({ optionId: 'q1-a' }, 4200.7, true);
    expect(calls.at(-1)).toEqual({
      path: '/api/v1/ssp/session/answers',
      body: { questionId: 'q1', answer: { optionId: 'q1-a' }, elapsedMs: 4201, pasted: true },
    });
    expect(flow.step()).toBe('question');
    expect(flow.current()?.id).toBe('q2');
  });

  it('sends one answer however often it is submitted', async () => {
    const { flow, calls } = await onFirstQuestion({ '/api/v1/ssp/session/answers': [() => ok()] });
    await Promise.all([flow.answer(null, 1000, false), flow.answer(null, 1000, false)]);
    expect(calls.filter((c) => c.path === '/api/v1/ssp/session/answers')).toHaveLength(1);
  });

  it('after a pass, offers a recovery passkey when the finish answer allows it', async () => {
    const { flow } = await onFirstQuestion({
      '/api/v1/ssp/session/answers': [() => ok(), () => ok()],
      '/api/v1/ssp/session/finish': [() => ok({ outcome: 'passed', passkeyEnrolment: { expiresAt: '2026-07-01T12:15:00.000Z' } })],
    });
    await flow.answer(null, 1000, false);
    await flow.answer(null, 1000, false);
    expect(flow.step()).toBe('passed');
    expect(enrolment.state()).toBe('offered');
  });

  it('offers no passkey after a pass without the grant, nor on a browser without passkeys', async () => {
    const { flow } = await onFirstQuestion({
      '/api/v1/ssp/session/answers': [() => ok(), () => ok()],
      '/api/v1/ssp/session/finish': [() => ok({ outcome: 'passed', passkeyEnrolment: null })],
    });
    await flow.answer(null, 1000, false);
    await flow.answer(null, 1000, false);
    expect(enrolment.state()).toBeNull();
    prompts.supported.mockReturnValue(false);
    enrolment.offer();
    expect(enrolment.state()).toBeNull();
  });

  it.each([
    ['passed', 'passed'],
    ['failed', 'failed'],
    ['timed_out', 'failed'],
    ['not_enough_questions', 'not_enough'],
    ['needs_referee', 'referee'],
  ])('after the last answer, finishes with the page’s signals: outcome %s shows %s', async (outcome, step) => {
    const { flow, calls } = await onFirstQuestion({
      '/api/v1/ssp/session/answers': [() => ok(), () => ok()],
      '/api/v1/ssp/session/finish': [() => ok({ outcome })],
    });
    await flow.answer(null, 1000, false);
    await flow.answer(null, 1000, false);
    expect(calls.at(-1)).toEqual({ path: '/api/v1/ssp/session/finish', body: { signals: SIGNALS } });
    expect(flow.step()).toBe(step);
  });

  it('a refused answer means the session is over', async () => {
    const { flow } = await onFirstQuestion({ '/api/v1/ssp/session/answers': [() => refused(409, 'answer-refused')] });
    await flow.answer(null, 1000, false);
    expect(flow.step()).toBe('expired');
  });

  it('forgets the sign-in notice once the first answer is sent', async () => {
    api({
      '/api/v1/ssp/session': [() => ok(session([question('q1'), question('q2')], true))],
      '/api/v1/ssp/session/answers': [() => ok()],
    });
    const flow = openAt('/ssp/?stepUp=matched');
    await settle();
    expect(flow.stepUpReturn()).toBe('matched');
    await flow.answer(null, 1000, false);
    expect(flow.stepUpReturn()).toBeNull();
  });
});

describe('VerificationFlow: time running out', () => {
  it('ends the session on the landing page and during the questions', () => {
    const flow = openAt('/ssp/#token=tok_abc');
    flow.expire();
    expect(flow.step()).toBe('expired');
    flow.step.set('question');
    flow.expire();
    expect(flow.step()).toBe('expired');
  });

  it('does not overwrite an outcome already shown', () => {
    const flow = openAt('/ssp/#token=tok_abc');
    for (const step of ['passed', 'failed', 'finishing'] as const) {
      flow.step.set(step);
      flow.expire();
      expect(flow.step()).toBe(step);
    }
  });
});

describe('VerificationFlow: back from the organisation’s sign-in page', () => {
  it('carries on with the questions where the session was, without offering sign-in again', async () => {
    const calls = api({ '/api/v1/ssp/session': [() => ok(session([question('q1', true), question('q2')], true))] });
    const flow = openAt('/ssp/?stepUp=mismatch');
    expect(flow.step()).toBe('starting');
    expect(location.href).toBe('http://localhost/ssp/');
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/ssp/session', '/api/v1/ssp/session/vouch']);
    expect(flow.step()).toBe('question');
    expect(flow.current()?.id).toBe('q2');
    expect(flow.stepUpReturn()).toBe('mismatch');
  });

  it('reads an unknown return as cancelled', async () => {
    api({ '/api/v1/ssp/session': [() => ok(session([question('q1')]))] });
    const flow = openAt('/ssp/?stepUp=<script>');
    await settle();
    expect(flow.stepUpReturn()).toBe('cancelled');
  });

  it('goes to the questions when signing in turns out to be unavailable', async () => {
    for (const slug of ['step-up-unavailable', 'sso-unavailable']) {
      api({ '/api/v1/ssp/session/step-up': [() => refused(409, slug)] });
      const flow = openAt('/ssp/#token=tok_abc');
      flow.step.set('step_up');
      await flow.signInAtOrganisation();
      expect(flow.step()).toBe('question');
      expect(flow.busy()).toBe(false);
      jest.restoreAllMocks();
    }
  });
});

describe('VerificationFlow: the recovery passkey', () => {
  const options = { challenge: 'c', rpId: 'localhost', allowCredentials: [] };

  async function onPasskeyStep(stepUpOffered: boolean, more: Record<string, (() => Answer)[]> = {}) {
    const calls = api({
      '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })],
      '/api/v1/ssp/session': [() => ok(session([question('q1')], stepUpOffered, true))],
      ...more,
    });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    return { flow, calls };
  }

  it('comes first after Start for a user who has one, on a browser that can use it', async () => {
    const { flow } = await onPasskeyStep(true);
    expect(flow.step()).toBe('passkey');
    prompts.supported.mockReturnValue(false);
    const without = await onPasskeyStep(true);
    expect(without.flow.step()).toBe('step_up');
  });

  it('asks the API for a prompt, sends the browser’s answer back, then goes on to the sign-in offer or the questions', async () => {
    for (const [stepUpOffered, next] of [
      [true, 'step_up'],
      [false, 'question'],
    ] as const) {
      const { flow, calls } = await onPasskeyStep(stepUpOffered, {
        '/api/v1/ssp/passkeys/authentication/options': [() => ok(options)],
        '/api/v1/ssp/passkeys/authentication/verify': [() => ok({ proof: 'met' })],
      });
      await flow.usePasskey();
      expect(prompts.authenticate).toHaveBeenLastCalledWith(options);
      expect(calls.at(-1)).toEqual({ path: '/api/v1/ssp/passkeys/authentication/verify', body: { id: 'cred' } });
      expect(flow.step()).toBe(next);
      expect(flow.passkeyNotice()).toBe('confirmed');
      expect(flow.busy()).toBe(false);
      jest.restoreAllMocks();
    }
  });

  it('stays on the step with a note when the prompt is cancelled or the answer is refused', async () => {
    const cancelled = await onPasskeyStep(false, { '/api/v1/ssp/passkeys/authentication/options': [() => ok(options)] });
    prompts.authenticate.mockRejectedValueOnce(Object.assign(new Error('no'), { name: 'NotAllowedError' }));
    await cancelled.flow.usePasskey();
    expect([cancelled.flow.step(), cancelled.flow.passkeyNotice()]).toEqual(['passkey', 'cancelled']);
    jest.restoreAllMocks();

    for (const slug of ['passkey-refused', 'passkey-challenge-invalid']) {
      const { flow } = await onPasskeyStep(false, {
        '/api/v1/ssp/passkeys/authentication/options': [() => ok(options)],
        '/api/v1/ssp/passkeys/authentication/verify': [() => refused(400, slug)],
      });
      await flow.usePasskey();
      expect([flow.step(), flow.passkeyNotice()]).toEqual(['passkey', 'failed']);
      jest.restoreAllMocks();
    }
  });

  it('goes on without it when it cannot count, and ends with the session', async () => {
    const unavailable = await onPasskeyStep(false, {
      '/api/v1/ssp/passkeys/authentication/options': [() => refused(409, 'passkey-unavailable')],
    });
    await unavailable.flow.usePasskey();
    expect([unavailable.flow.step(), unavailable.flow.passkeyNotice()]).toEqual(['question', null]);
    jest.restoreAllMocks();

    const ended = await onPasskeyStep(false, { '/api/v1/ssp/passkeys/authentication/options': [() => refused(401, 'session-invalid')] });
    await ended.flow.usePasskey();
    expect(ended.flow.step()).toBe('expired');
  });

  it('can be skipped', async () => {
    const { flow } = await onPasskeyStep(true);
    flow.skipPasskey();
    expect(flow.step()).toBe('step_up');
  });
});

describe('VerificationFlow: asking the manager to vouch', () => {
  const vouchView = (status: string, offered = false) => ({
    offered,
    status,
    voucherName: 'Dana Reyes',
    detail:
      status === 'pending' ? 'asked Dana Reyes (manager) to vouch; waiting for their answer' : 'You can ask your manager to vouch for you.',
  });

  async function offered(more: Record<string, (() => Answer)[]>) {
    const calls = api({
      '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })],
      '/api/v1/ssp/session': [() => ok(session([question('q1')]))],
      ...more,
    });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    return { flow, calls };
  }

  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('offers the vouch after Start when a manager is on file, and the questions after skipping it', async () => {
    const { flow } = await offered({ '/api/v1/ssp/session/vouch': [() => ok(vouchView('none', true))] });
    expect(flow.step()).toBe('vouch');
    flow.continueFromVouch();
    expect(flow.step()).toBe('question');
  });

  it('goes straight to the questions when nobody can vouch', async () => {
    const { flow } = await offered({ '/api/v1/ssp/session/vouch': [() => ok(vouchView('unavailable'))] });
    expect(flow.step()).toBe('question');
  });

  it('asks once, then waits for the answer before finishing, and finishes when it lands', async () => {
    const { flow, calls } = await offered({
      '/api/v1/ssp/session/vouch': [
        () => ok(vouchView('none', true)),
        () => ok(vouchView('pending')),
        () => ok(vouchView('pending')),
        () => ok(vouchView('met')),
        () => ok(vouchView('met')),
      ],
      '/api/v1/ssp/session/answers': [() => ok()],
      '/api/v1/ssp/session/finish': [() => ok({ outcome: 'passed' })],
    });
    await flow.askVouch();
    expect(calls.filter((c) => c.path === '/api/v1/ssp/session/vouch')).toHaveLength(2);
    expect(flow.vouch.pending()).toBe(true);
    flow.continueFromVouch();
    flow.vouch.stop();
    const answered = flow.answer(null, 1000, false);
    await jest.advanceTimersByTimeAsync(0);
    expect(flow.step()).toBe('vouch_wait');
    await jest.advanceTimersByTimeAsync(3000);
    expect(flow.step()).toBe('vouch_wait');
    await jest.advanceTimersByTimeAsync(3000);
    await answered;
    await jest.advanceTimersByTimeAsync(0);
    expect(flow.step()).toBe('passed');
    expect(calls.filter((c) => c.path === '/api/v1/ssp/session/finish')).toHaveLength(1);
  });

  it('lets the user finish without the answer', async () => {
    const { flow, calls } = await offered({
      '/api/v1/ssp/session/vouch': [() => ok(vouchView('none', true)), () => ok(vouchView('pending')), () => ok(vouchView('pending'))],
      '/api/v1/ssp/session/answers': [() => ok()],
      '/api/v1/ssp/session/finish': [() => ok({ outcome: 'needs_referee' })],
    });
    await flow.askVouch();
    flow.vouch.stop();
    flow.continueFromVouch();
    void flow.answer(null, 1000, false);
    await jest.advanceTimersByTimeAsync(0);
    expect(flow.step()).toBe('vouch_wait');
    flow.finishWithoutWaiting();
    await jest.advanceTimersByTimeAsync(0);
    expect(flow.step()).toBe('referee');
    await jest.advanceTimersByTimeAsync(3000);
    expect(calls.filter((c) => c.path === '/api/v1/ssp/session/finish')).toHaveLength(1);
  });

  it('tells the user when the manager cannot be asked after all, and goes on', async () => {
    const { flow } = await offered({
      '/api/v1/ssp/session/vouch': [() => ok(vouchView('none', true)), () => refused(409, 'vouch-unavailable')],
    });
    await flow.askVouch();
    expect(flow.step()).toBe('question');
    expect(flow.vouchNotice()).toContain('can’t be asked');
  });
});
