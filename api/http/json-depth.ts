import type { IncomingMessage, ServerResponse } from 'node:http';

/** Deeper than any request ResetGate takes (the deepest is 3): enough room, and no stack to overflow. */
export const MAX_JSON_DEPTH = 32;

/**
 * A body-parser `verify` hook: counts brackets outside strings in the raw body and refuses one
 * nested deeper than MAX_JSON_DEPTH before it is parsed. Validation walks bodies recursively, so
 * 10,000 levels overflowed the stack: a 500, and a 137 kB stack trace in the log, for anyone.
 */
export function refuseDeepJson(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of body) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { type: TOO_DEEP });
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
}

/** The body-parser error type the problem filter turns into a 400. */
export const TOO_DEEP = 'entity.too.deep';

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = ['"', '\\', '{', '}', '[', ']'].map((c) =>
  c.charCodeAt(0),
);
