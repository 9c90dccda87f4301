/**
 * @jest-environment jsdom
 */
import '../../testing/angular-test-bed';
import { TestBed } from '@angular/core/testing';
import { declareSignalInputs } from '../../testing/signal-inputs';
import { type SessionQuestion, type SessionView, sspApi } from '../api/ssp-client';
import { PasskeyEnrolment } from '../passkeys/passkey-enrolment';
import { PasskeyProof } from '../passkeys/passkey-proof';
import type { WebAuthnPrompts } from '../passkeys/webauthn';
import type { PageSignals } from '../verification/page-signals';
import { VerificationFlow } from '../verification/verification-flow';
import { VouchRequest } from '../vouch/vouch-request';
import { type DocumentNotice, IdentityDocumentProof } from './identity-document-proof';
import { IdentityDocumentStep } from './identity-document-step';

const pageSignals = { snapshot: () => ({}) } as PageSignals;
const prompts = { supported: () => false } as unknown as WebAuthnPrompts;
const question = (id: string, answered = false): SessionQuestion => ({
  id,
  kind: 'groups',
  type: 'single',
  text: `Question ${id}`,
  options: [{ id: `${id}-a`, label: 'A' }],
  answered,
});
const session = (documentOffered: boolean, done = false): SessionView => ({
  sessionExpiresAt: '2026-07-01T12:10:00.000Z',
  stepUp: { offered: false, result: null },
  passkey: { offered: false, asserted: false },
  identityDocument: { offered: documentOffered, done },
  total: 2,
  answered: 1,
  questions: [question('q1', true), question('q2')],
});

type Answer = Promise<{ data?: unknown; error?: unknown; response: Response }>;
const ok = (data: unknown = {}): Answer => Promise.resolve({ data, response: { status: 200 } as Response });
const refused = (status: number, slug: string): Answer =>
  Promise.resolve({ error: { type: `/problems/${slug}` }, response: { status } as Response });

function api(answers: Record<string, (() => Answer)[]>) {
  const calls: string[] = [];
  const answer = (path: string) => {
    calls.push(path);
    const next = answers[path]?.shift();
    if (!next) throw new Error(`no answer for ${path}`);
    return next();
  };
  jest.spyOn(sspApi, 'GET').mockImplementation(answer as never);
  jest.spyOn(sspApi, 'POST').mockImplementation(answer as never);
  return calls;
}

function openAt(url: string): VerificationFlow {
  history.replaceState(null, '', url);
  return new VerificationFlow(pageSignals, prompts, new PasskeyProof(prompts), new PasskeyEnrolment(prompts), new VouchRequest());
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  jest.restoreAllMocks();
});

describe('the identity document in the journey', () => {
  it('is offered after Start when the session offers it, and skipping goes to the questions', async () => {
    api({ '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })], '/api/v1/ssp/session': [() => ok(session(true))] });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    expect(flow.step()).toBe('identity_document');
    flow.skipIdentityDocument();
    expect(flow.step()).toBe('question');
    expect(flow.documents.notice()).toBeNull();
  });

  it('is not offered when the session does not offer it', async () => {
    api({ '/api/v1/ssp/sessions': [() => ok({ status: 'in_progress' })], '/api/v1/ssp/session': [() => ok(session(false))] });
    const flow = openAt('/ssp/#token=tok_abc');
    await flow.start();
    expect(flow.step()).toBe('question');
  });

  it('asks the API for the provider’s page and stays busy while the browser leaves', async () => {
    const calls = api({ '/api/v1/ssp/session/identity-document': [() => ok({ authorizationUrl: '#provider' })] });
    const flow = openAt('/ssp/#token=tok_abc');
    flow.step.set('identity_document');
    await flow.verifyIdentityDocument();
    expect(calls).toEqual(['/api/v1/ssp/session/identity-document']);
    // A fragment stands in for the provider's address: jsdom navigates only within the page.
    expect(location.hash).toBe('#provider');
    expect(flow.busy()).toBe(true);
  });

  it('goes on to the questions, saying why, when documents cannot be checked now', async () => {
    for (const slug of ['identity-document-unavailable', 'identity-verification-unavailable']) {
      api({ '/api/v1/ssp/session/identity-document': [() => refused(409, slug)] });
      const flow = openAt('/ssp/#token=tok_abc');
      flow.step.set('identity_document');
      await flow.verifyIdentityDocument();
      expect([flow.step(), flow.busy(), flow.documents.notice()]).toEqual(['question', false, 'unavailable']);
      jest.restoreAllMocks();
    }
  });

  it('an ended session ends the page', async () => {
    api({ '/api/v1/ssp/session/identity-document': [() => refused(401, 'session-invalid')] });
    const flow = openAt('/ssp/#token=tok_abc');
    flow.step.set('identity_document');
    await flow.verifyIdentityDocument();
    expect(flow.step()).toBe('expired');
  });

  it('time running out on the step ends the session', () => {
    const flow = openAt('/ssp/#token=tok_abc');
    flow.step.set('identity_document');
    flow.expire();
    expect(flow.step()).toBe('expired');
  });
});

describe('back from the identity-verification provider', () => {
  it('met: the questions where the session was, with the notice, cleared by the next answer', async () => {
    api({ '/api/v1/ssp/session': [() => ok(session(false, true))], '/api/v1/ssp/session/answers': [() => ok()] });
    const flow = openAt('/ssp/?document=met');
    expect(flow.step()).toBe('starting');
    expect(location.href).toBe('http://localhost/ssp/');
    await settle();
    expect(flow.step()).toBe('question');
    expect(flow.current()?.id).toBe('q2');
    expect(flow.documents.notice()).toBe('met');
    jest.spyOn(sspApi, 'POST').mockImplementation((() => ok()) as never);
    flow.index.set(0);
    await flow.answer(null, 1000, false);
    expect(flow.documents.notice()).toBeNull();
  });

  it('failed: the questions, with the notice', async () => {
    api({ '/api/v1/ssp/session': [() => ok(session(false, true))] });
    const flow = openAt('/ssp/?document=failed');
    await settle();
    expect([flow.step(), flow.documents.notice()]).toEqual(['question', 'failed']);
  });

  it('cancelled: the document step again, to try again or skip', async () => {
    api({ '/api/v1/ssp/session': [() => ok(session(true))] });
    const flow = openAt('/ssp/?document=cancelled');
    await settle();
    expect([flow.step(), flow.documents.notice()]).toEqual(['identity_document', 'cancelled']);
  });

  it('reads an unknown return as cancelled', () => {
    history.replaceState(null, '', '/ssp/?document=<script>');
    expect(new IdentityDocumentProof().notice()).toBe('cancelled');
  });
});

declareSignalInputs(IdentityDocumentStep, { busy: { required: false }, notice: { required: false } });

describe('IdentityDocumentStep', () => {
  function render(notice: DocumentNotice, busy = false) {
    const fixture = TestBed.createComponent(IdentityDocumentStep);
    fixture.componentRef.setInput('notice', notice);
    fixture.componentRef.setInput('busy', busy);
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    const button = (name: string) => [...page.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;
    return { fixture, page, button };
  }

  it('offers the document, and a way on without it', () => {
    const { page, button, fixture } = render(null);
    expect(page.querySelector('h1')!.textContent).toBe('Verify with an identity document');
    const used = jest.fn();
    const skipped = jest.fn();
    fixture.componentInstance.use.subscribe(used);
    fixture.componentInstance.skip.subscribe(skipped);
    button('Verify with an identity document').click();
    button('I don’t have one with me — continue').click();
    expect([used.mock.calls.length, skipped.mock.calls.length]).toEqual([1, 1]);
  });

  it('says nothing was checked after a cancel, in a live region', () => {
    expect(render('cancelled').page.querySelector('[role=status]')!.textContent).toContain('No document was checked');
    expect(render(null).page.querySelector('[role=status]')!.textContent!.trim()).toBe('');
  });

  it('disables both buttons while busy', () => {
    const { page } = render(null, true);
    expect([...page.querySelectorAll('button')].every((b) => b.disabled)).toBe(true);
  });
});
