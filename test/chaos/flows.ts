import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { type CallResult, type ChaosClient, type Operation, problemType, type Request } from './client';
import { type ChaosUser, type Phones, questionKeys, rightAnswer, wrongAnswer } from './oracle';
import { sleep } from './processes';

/**
 * The flows a fault run drives: a genuine caller (who the agent then approves, sometimes with a
 * double click), an impostor answering wrong, and two kinds of abandon (never pressing Start; leaving
 * half way through the questions). Each records what the client was told, for the checks.
 */
export const FLOW_KINDS = ['right', 'double-approve', 'wrong', 'abandon-link', 'abandon-session'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];
const MIX: Record<FlowKind, number> = { right: 0.4, 'double-approve': 0.15, wrong: 0.2, 'abandon-link': 0.1, 'abandon-session': 0.15 };

export interface FlowRecord {
  index: number;
  kind: FlowKind;
  userId: string;
  verificationId?: string;
  /** What the server acknowledged to this client: the checks look for acknowledged work the server lost. */
  acknowledged: { created: boolean; started: boolean; answered: string[]; outcome?: string; approvals: number };
  /** Start got a retryable answer, then its retry was refused with link-invalid: locked out if the link was spent (the checks look). */
  stranded: boolean;
  /** Calls whose retry (after a retryable answer) came back as a refusal (401/404/409/422) instead of the first call's result. */
  refusedRetries: Operation[];
  /** Calls refused because the session or the approval window had run out meanwhile: a right refusal, but a flow the outage cost. */
  expiredMidFlow: Operation[];
  /** How the flow ended, in a few words: `done`, `abandoned`, `gave up at start`, `finish refused 409`… */
  end: string;
}

export interface FlowContext {
  client: ChaosClient;
  /** The harness's own connections, for the answer keys. */
  pool: Pool;
  phones: Phones;
  apiKey: string;
  user: ChaosUser;
  /** How long the caller waits for the SMS: the link's lifetime. */
  linkWaitMs: number;
}

const USER_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1';
const SIGNALS = { timezone: 'Europe/London', languages: ['en-GB'], webdriver: false, pasteCount: 0 };

/** The flow kinds of a run, in a fixed order from a seed, so two runs of the same size drive the same mix. */
export function flowKinds(count: number, seed: number): FlowKind[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    let r = random();
    for (const kind of FLOW_KINDS) if ((r -= MIX[kind]) < 0) return kind;
    return 'right';
  });
}

export async function runFlow(index: number, kind: FlowKind, context: FlowContext): Promise<FlowRecord> {
  const record: FlowRecord = {
    index,
    kind,
    userId: context.user.id,
    acknowledged: { created: false, started: false, answered: [], approvals: 0 },
    stranded: false,
    refusedRetries: [],
    expiredMidFlow: [],
    end: 'done',
  };
  try {
    record.end = await drive(record, context);
  } catch (err) {
    record.end = `harness error: ${(err as Error).message}`;
  }
  return record;
}

async function drive(record: FlowRecord, { client, pool, phones, apiKey, user, linkWaitMs }: FlowContext): Promise<string> {
  const { index, kind } = record;
  const random = seeded(index + 1);
  const think = (min: number, max: number) => sleep(min + random() * (max - min));
  const agent = { authorization: `Bearer ${apiKey}` };
  // Each caller is on their own network behind the loopback proxy: the per-IP limit on Start applies per caller.
  const caller = { 'user-agent': USER_AGENT, 'x-forwarded-for': `10.77.${index >> 8}.${index & 255}` };
  const send = async (operation: Operation, request: Request, options = { idempotent: true, judgeRetry: true }) => {
    if (options.idempotent) request.headers['idempotency-key'] = nonce();
    const result = await client.call(index, operation, request);
    if (options.judgeRetry) judge(operation, result);
    return result;
  };
  let sessionExpiresAt = Infinity;
  const judge = (operation: Operation, result: CallResult) => {
    if (!refusal(result)) return;
    const expired = Date.now() >= sessionExpiresAt - 1000 || /window closed/.test(String(result.body?.detail));
    if (expired) record.expiredMidFlow.push(operation);
    else if (result.retried) record.refusedRetries.push(operation);
  };

  const created = await send('create', {
    method: 'POST',
    path: '/api/v1/verifications',
    headers: { ...agent },
    body: { user: user.email, channel: 'sms', destination: user.phone, reason: 'password_reset', ticketRef: `CHAOS-${index}` },
  });
  if (created.status !== 201) return ended('create', created);
  const id: string = created.body.id;
  record.verificationId = id;
  record.acknowledged.created = true;

  const link = await phones.linkFor(id, Date.now() + linkWaitMs);
  if (!link) return 'no link arrived';
  await think(1000, 4000);
  if (kind === 'abandon-link') return 'abandoned';

  const token = new URL(link).hash.replace(/^#token=/, '');
  // A refused Start is judged apart: stranded when the first attempt spent the link (the checks look), expired otherwise.
  const started = await send(
    'start',
    { method: 'POST', path: '/api/v1/ssp/sessions', headers: { ...caller }, body: { token, signals: SIGNALS } },
    { idempotent: true, judgeRetry: false },
  );
  if (started.retried && started.status === 404 && problemType(started.body) === 'link-invalid') record.stranded = true;
  if (started.status === 200 && started.body?.status === 'not_enough_questions') return 'not enough questions';
  if (started.status !== 201) return ended('start', started);
  record.acknowledged.started = true;
  sessionExpiresAt = Date.parse(started.body.sessionExpiresAt) || Infinity;
  const cookie = (started.headers?.getSetCookie() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('rg_ssp='));
  if (!cookie) return 'start gave no session cookie';
  const ssp = { ...caller, cookie };

  const session = await send(
    'session',
    { method: 'GET', path: '/api/v1/ssp/session', headers: { ...ssp } },
    { idempotent: false, judgeRetry: true },
  );
  if (session.status !== 200) return ended('session', session);
  const keys = await questionKeys(pool, id, Date.now() + linkWaitMs);
  if (!keys) return 'no answer keys';
  const toAnswer = kind === 'abandon-session' ? keys.slice(0, Math.floor(random() * 2)) : keys;
  for (const question of toAnswer) {
    await think(500, 2000);
    const answer = kind === 'wrong' ? wrongAnswer(question) : rightAnswer(question);
    const answered = await send('answer', {
      method: 'POST',
      path: '/api/v1/ssp/session/answers',
      headers: { ...ssp },
      body: { questionId: question.id, answer, elapsedMs: 4000 + Math.floor(random() * 4000), pasted: false },
    });
    if (answered.status !== 200) return ended('answer', answered);
    record.acknowledged.answered.push(question.id);
  }
  if (kind === 'abandon-session') return 'abandoned';

  await think(300, 1000);
  const finished = await send('finish', {
    method: 'POST',
    path: '/api/v1/ssp/session/finish',
    headers: { ...ssp },
    body: { signals: SIGNALS },
  });
  if (finished.status !== 200) return ended('finish', finished);
  record.acknowledged.outcome = finished.body.outcome;
  if (finished.body.outcome !== 'passed' || kind === 'wrong') return 'done';

  await think(500, 2000);
  const approve = () =>
    send(
      'approve',
      {
        method: 'POST',
        path: `/api/v1/verifications/${id}/reset-approval`,
        headers: { ...agent },
        body: { action: 'password_reset', ticketRef: `CHAOS-${index}` },
      },
      { idempotent: true, judgeRetry: false },
    );
  // A double click: two requests at once, each with its own key, as two clicks of a form without one would send.
  // One of them is refused, rightly; a retry is judged only when no click got the approval through.
  const approvals = kind === 'double-approve' ? await Promise.all([approve(), approve()]) : [await approve()];
  record.acknowledged.approvals = approvals.filter((a) => a.status === 200).length;
  if (record.acknowledged.approvals > 0) return 'done';
  judge('approve', approvals.find((a) => a.retried) ?? approvals[0]);
  return ended('approve', approvals[0]);
}

function ended(operation: Operation, result: CallResult): string {
  return result.status === 'gave-up' ? `gave up at ${operation}` : `${operation} refused ${result.status}`;
}

function refusal(result: CallResult): boolean {
  return typeof result.status === 'number' && [401, 404, 409, 422].includes(result.status);
}

/** The browser's nonce for one logical call: made before the first attempt and kept across its retries. */
function nonce(): string {
  return randomBytes(24).toString('base64url');
}

/** mulberry32: small, seeded, good enough for think times and the mix. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
