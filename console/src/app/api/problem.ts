/** RFC 9457 problem, as every API error is. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** A failed API call: the HTTP status and the problem the API answered (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
  }

  /** The problem type's last path segment ("daily-limit-reached"): the stable part to match on. */
  get slug(): string {
    return this.problem.type.split('/').pop() ?? '';
  }
}

export function toApiError(status: number, body: unknown): ApiError {
  const problem = body as Partial<Problem> | undefined;
  if (problem && typeof problem === 'object' && typeof problem.type === 'string') {
    return new ApiError(status, { title: '', detail: '', ...problem, status } as Problem);
  }
  return new ApiError(status, {
    type: status === 0 ? 'about:network-error' : 'about:blank',
    title: status === 0 ? 'The server could not be reached' : `The server answered ${status}`,
    detail: status === 0 ? 'Check your connection and try again.' : 'Try again; if it keeps happening, tell your administrator.',
    status,
  });
}

/** One sentence for the person at the keyboard: what happened and, where it helps, what to do. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in the console. Reload the page and try again.';
  if (error.slug === 'forbidden') return `This is not allowed for your role. ${error.problem.detail}`.trim();
  if (error.slug === 'csrf-failed') return 'The console session could not be confirmed. Reload the page and try again.';
  return error.problem.detail || error.problem.title;
}
