import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

/** An id a proxy in front already gave the request is kept, when it looks like one; anything else is replaced. */
const FORWARDED_ID = /^[\w.:-]{1,64}$/;

/**
 * pino-http's options: a request line carries its id, method, path, status and time, and nothing
 * else. Headers hold credentials and the user agent; query strings hold search terms and OIDC
 * `code`/`state`. Health probes are not logged.
 */
export function requestLogOptions(level: string): Options {
  return {
    level,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const forwarded = req.headers['x-request-id'];
      const id = typeof forwarded === 'string' && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => pathOf(req.url).startsWith('/health') },
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}
