import type { Request } from 'express';

/** One cookie's value from the request, or undefined. Small enough not to need a parser. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined; // a mangled cookie is no cookie
      }
    }
  }
  return undefined;
}
