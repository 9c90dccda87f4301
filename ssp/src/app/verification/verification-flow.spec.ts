/**
 * @jest-environment jsdom
 */
import { type ClientSignals, type SessionQuestion, type SessionView, sspApi } from '../api/ssp-client';
import type { PageSignals } from './page-signals';
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

const session = (questions: SessionQuestion[], offered = false): SessionView => ({
  sessionExpiresAt: '2026-07-01T12:10:00.000Z',
  stepUp: { offered, result: null },
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

/** Opens the portal at this address (the link's `#token=…`, or the return from the organisation's sign-in). */
function openAt(url: string): VerificationFlow {
  history.replaceState(null, '', url);
  return new VerificationFlow(pageSignals);
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

  it('shows the error page when the network fails, instead of throwing', async () => {
    jest.spyOn(sspApi, 'POST').mockRejectedValue(new TypeError('fetch failed'));
    const flow = openAt('/ssp/#token=tok_abc');
    await expect(flow.start()).resolves.toBeUndefined();
    expect(flow.step()).toBe('error');
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
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/ssp/session']);
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
