import { problemSlug, settle } from './ssp-client';

describe('problemSlug: the stable part of a problem type to match on', () => {
  it('is the last path segment of the type', () => {
    expect(problemSlug({ type: 'https://resetgate.dev/problems/link-invalid', title: '', status: 410, detail: '' })).toBe('link-invalid');
    expect(problemSlug({ type: '/problems/rate-limited' })).toBe('rate-limited');
    expect(problemSlug({ type: 'network' })).toBe('network');
  });

  it('is empty for no problem, or one without a type', () => {
    expect(problemSlug(undefined)).toBe('');
    expect(problemSlug(null)).toBe('');
    expect(problemSlug({})).toBe('');
    expect(problemSlug('Bad gateway')).toBe('');
  });
});

describe('settle: a request whose network failure is an answer, not an exception', () => {
  it('passes the answer through', async () => {
    const answer = { data: { ok: true }, response: { status: 200 } as Response };
    await expect(settle(() => Promise.resolve(answer))).resolves.toBe(answer);
  });

  it('turns a rejected fetch into a network problem', async () => {
    await expect(settle(() => Promise.reject(new TypeError('fetch failed')))).resolves.toEqual({ error: { type: 'network' } });
  });
});
