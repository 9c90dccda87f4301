import { ConsoleApi } from './console-api';
import { ApiError } from './problem';

/** What openapi-fetch resolves to: the data or the problem, and the response. */
const answer = (status: number, fields: { data?: unknown; error?: unknown } = {}) =>
  Promise.resolve({ ...fields, response: new Response(null, { status }) });

describe('ConsoleApi.data: the body of a call, or an ApiError', () => {
  const api = new ConsoleApi();
  /** What the call was rejected with; a call that succeeds fails the spec. */
  const failure = (call: ReturnType<typeof answer>) =>
    api.data(call).then(
      () => Promise.reject(new Error('expected the call to fail')),
      (error: unknown) => error as ApiError,
    );

  it('gives the data of a successful answer', async () => {
    await expect(api.data(answer(200, { data: { id: 'v-1' } }))).resolves.toEqual({ id: 'v-1' });
  });

  it('throws the problem the API answered, with its status', async () => {
    const problem = { type: '/problems/unknown-user', title: 'Unknown user', status: 404, detail: 'No such user.' };
    const error = await failure(answer(404, { error: problem }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.slug).toBe('unknown-user');
  });

  it('throws for a failed status even without a body', async () => {
    const error = await failure(answer(500));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const error = await failure(Promise.reject(new TypeError('fetch failed')));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });

  it('lets a cancelled call stay a cancellation, not an error to show', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    await expect(api.data(Promise.reject(abort))).rejects.toBe(abort);
  });
});
