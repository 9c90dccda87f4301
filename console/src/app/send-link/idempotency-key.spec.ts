import { newIdempotencyKey } from './idempotency-key';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('is a random UUID v4', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(UUID_V4);
    expect(newIdempotencyKey()).not.toBe(key);
  });

  it('is one without crypto.randomUUID too (a page served over plain HTTP)', () => {
    // Shadow the prototype's randomUUID on the instance, as a browser outside a secure context has none.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    const getRandomValues = jest.spyOn(crypto, 'getRandomValues');
    try {
      const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
      expect(getRandomValues).toHaveBeenCalledTimes(50);
      expect(keys.size).toBe(50);
      for (const key of keys) expect(key).toMatch(UUID_V4);
    } finally {
      getRandomValues.mockRestore();
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
  });
});
