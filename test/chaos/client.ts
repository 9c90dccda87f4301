import { sleep } from './processes';

/** What one HTTP attempt got: a status, or no answer (its own 5 s timeout, or the connection refused or reset). */
export type Answer = number | 'timeout' | 'refused' | 'reset' | 'network';

export type Operation = 'create' | 'start' | 'session' | 'answer' | 'finish' | 'approve';

export interface AttemptRecord {
  flow: number;
  operation: Operation;
  sentAt: number;
  answeredAt: number;
  answer: Answer;
  /** The problem type of a 4xx or 5xx (`database-unavailable`…): why it was refused. */
  problem?: string;
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

export interface CallResult {
  /** The final answer, or `gave-up` when the retry budget ran out on retryable answers. */
  status: number | 'gave-up';
  body: any;
  headers?: Headers;
  attempts: number;
  /** Whether an earlier attempt got a retryable answer (so the server may have done the work already). */
  retried: boolean;
}

export interface ClientOptions {
  /** Each attempt's own deadline: an answer later than this is a hung call. */
  attemptTimeoutMs: number;
  /** How long one logical call keeps retrying: about as long as a person would keep pressing. */
  retryBudgetMs: number;
}

/**
 * The callers' and agents' HTTP client: every attempt has its own timeout; 5xx, 429, timeouts and
 * connection errors are retried with backoff (honouring Retry-After) until the budget runs out,
 * with the request's headers unchanged, so its Idempotency-Key too. Every attempt is recorded.
 */
export class ChaosClient {
  readonly attempts: AttemptRecord[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly options: ClientOptions,
  ) {}

  async call(flow: number, operation: Operation, request: Request): Promise<CallResult> {
    const started = Date.now();
    let retried = false;
    for (let attempt = 1; ; attempt++) {
      const sentAt = Date.now();
      const { answer, body, headers } = await this.attempt(request);
      this.attempts.push({ flow, operation, sentAt, answeredAt: Date.now(), answer, problem: problemType(body) });
      if (!isRetryable(answer)) return { status: answer as number, body, headers, attempts: attempt, retried };
      retried = true;
      const delay = backoff(attempt, headers);
      if (Date.now() + delay - started > this.options.retryBudgetMs)
        return { status: 'gave-up', body, headers, attempts: attempt, retried };
      await sleep(delay);
    }
  }

  private async attempt(request: Request): Promise<{ answer: Answer; body: any; headers?: Headers }> {
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetch(`${this.baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.options.attemptTimeoutMs),
      });
      const text = await res.text();
      return { answer: res.status, body: parse(text), headers: res.headers };
    } catch (err) {
      return { answer: noAnswer(err), body: undefined };
    }
  }
}

export function isRetryable(answer: Answer): boolean {
  return typeof answer !== 'number' || answer >= 500 || answer === 429;
}

/**
 * At least Retry-After (capped at 15 s, a person's patience), plus up to half as much again: callers
 * told the same Retry-After at the same moment (a restart) must not all come back in one wave.
 */
function backoff(attempt: number, headers: Headers | undefined): number {
  const retryAfter = retryAfterMs(headers?.get('retry-after') ?? null);
  if (retryAfter !== null) {
    const wait = Math.min(retryAfter, 15_000);
    return wait + Math.random() * Math.max(wait / 2, 250);
  }
  const exponential = Math.min(8000, 500 * 2 ** (attempt - 1));
  return exponential / 2 + (Math.random() * exponential) / 2;
}

function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function noAnswer(err: unknown): Answer {
  const error = err as { name?: string; cause?: { code?: string } };
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const code = error.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return 'network';
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** The problem type's last segment (`link-invalid`), when the body is an RFC 9457 problem. */
export function problemType(body: unknown): string | undefined {
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type.split('/').pop() : undefined;
}
