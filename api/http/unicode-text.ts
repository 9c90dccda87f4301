import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../common/problem';

/** A UTF-16 surrogate without its pair: JSON can carry one (`"\ud800"`), but it is not text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Text PostgreSQL cannot store: a lone surrogate, or a NUL character (`\u0000`), which no text column takes. */
export function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || hasLoneSurrogate(text);
}

/**
 * A JSON.parse reviver for every request body. Unstorable text in a key or a string is refused
 * while parsing, so the request is a 400 `malformed-json` before any handler runs: PostgreSQL
 * refuses such strings (a 500 otherwise), and one reaching a workflow's activity would be retried for ever.
 */
export function refuseUnstorableText(key: string, value: unknown): unknown {
  if (isUnstorable(key) || (typeof value === 'string' && isUnstorable(value))) {
    throw new SyntaxError('text must be valid Unicode without NUL characters (no UTF-16 surrogate without its pair)');
  }
  return value;
}

/**
 * The same rule for the query string, the other text every request can carry: a 400 before any
 * handler. Also refused: `__proto__`, `constructor` and `prototype` as names, which the query parser
 * drops silently where any other unknown parameter is a 400.
 */
export function refuseUnstorableQuery(req: Request, _res: Response, next: NextFunction): void {
  if (Object.entries(req.query).some(([key, value]) => isUnstorable(key) || unstorableValue(value))) {
    return next(new ProblemException('validation', 'Query parameters must be text without NUL characters or unpaired surrogates.'));
  }
  const names = [...new URLSearchParams(req.originalUrl.split('?')[1] ?? '').keys()];
  const reserved = names.find((name) => RESERVED_NAME.test(name));
  next(reserved ? new ProblemException('validation', `Unknown query parameter: ${reserved.slice(0, 40)}.`) : undefined);
}

const RESERVED_NAME = /(^|\[)(__proto__|constructor|prototype)(\]|$|\[)/;

function unstorableValue(value: unknown): boolean {
  if (typeof value === 'string') return isUnstorable(value);
  if (Array.isArray(value)) return value.some(unstorableValue);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => isUnstorable(k) || unstorableValue(v));
  return false;
}
