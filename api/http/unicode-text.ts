/** A UTF-16 surrogate without its pair: JSON can carry one (`"\ud800"`), but it is not text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * A JSON.parse reviver for every request body. A lone surrogate in a key or a string is refused
 * while parsing, so the request is a 400 `malformed-json` before any handler runs: PostgreSQL
 * refuses such strings, and one reaching a workflow's activity would be retried for ever.
 */
export function refuseLoneSurrogates(key: string, value: unknown): unknown {
  if (hasLoneSurrogate(key) || (typeof value === 'string' && hasLoneSurrogate(value))) {
    throw new SyntaxError('text must be valid Unicode: a UTF-16 surrogate without its pair');
  }
  return value;
}
