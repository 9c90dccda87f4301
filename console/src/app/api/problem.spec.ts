import { ApiError, describeError, toApiError } from './problem';

const problem = (type: string, detail = '') => ({ type, title: 'Title', status: 403, detail });

describe('toApiError', () => {
  it('keeps the problem the API answered, with the HTTP status', () => {
    const error = toApiError(429, {
      type: 'https://resetgate.dev/problems/daily-limit-reached',
      title: 'Too many',
      detail: 'Try tomorrow.',
      limit: 5,
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.problem).toEqual({
      type: 'https://resetgate.dev/problems/daily-limit-reached',
      title: 'Too many',
      detail: 'Try tomorrow.',
      status: 429,
      limit: 5,
    });
    expect(error.message).toBe('Try tomorrow.');
    expect(error.slug).toBe('daily-limit-reached');
  });

  it('fills in a title and detail the problem left out', () => {
    expect(toApiError(409, { type: 'about:conflict' }).problem).toEqual({ type: 'about:conflict', title: '', detail: '', status: 409 });
  });

  it('makes up a problem for a failed network call (status 0)', () => {
    const error = toApiError(0, undefined);
    expect(error.problem).toMatchObject({ type: 'about:network-error', title: 'The server could not be reached', status: 0 });
    expect(error.problem.detail).toBe('Check your connection and try again.');
  });

  it('makes up a problem for an answer that is not one (a proxy’s HTML page)', () => {
    const error = toApiError(502, '<html>Bad gateway</html>');
    expect(error.problem).toMatchObject({ type: 'about:blank', title: 'The server answered 502', status: 502 });
  });
});

describe('describeError: one sentence for the agent', () => {
  it('gives the problem’s detail, else its title', () => {
    expect(describeError(toApiError(404, problem('/problems/not-found', 'No such verification.')))).toBe('No such verification.');
    expect(describeError(toApiError(404, problem('/problems/not-found')))).toBe('Title');
  });

  it('says plainly that the role does not allow it, with the detail', () => {
    expect(describeError(toApiError(403, problem('/problems/forbidden', 'Auditors cannot approve.')))).toBe(
      'This is not allowed for your role. Auditors cannot approve.',
    );
    expect(describeError(toApiError(403, problem('/problems/forbidden')))).toBe('This is not allowed for your role.');
  });

  it('asks for a reload when the CSRF check failed', () => {
    expect(describeError(toApiError(403, problem('/problems/csrf-failed', 'CSRF token mismatch')))).toBe(
      'The console session could not be confirmed. Reload the page and try again.',
    );
  });

  it('does not show the text of a bug in the console itself', () => {
    expect(describeError(new TypeError('x is undefined'))).toBe('Something went wrong in the console. Reload the page and try again.');
  });
});
