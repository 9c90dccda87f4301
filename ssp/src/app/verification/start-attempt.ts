import { newAttemptKey } from '../api/ssp-client';

/** The link's token and the Start nonce that goes with it. */
export interface StartAttempt {
  token: string;
  key: string;
}

const STORAGE_KEY = 'rg-ssp-start';

/**
 * The attempt for this tab. The page takes the token out of the address at once, so a reload
 * (which the error page suggests) would find none: the token and its nonce are kept in this tab's
 * session storage, and a reload's Start resumes the session a lost answer opened. Cleared when the
 * journey ends. Storage that refuses (a locked-down browser) only loses the resume.
 */
export function startAttempt(tokenFromLink: string | null): StartAttempt | null {
  const stored = read();
  if (!tokenFromLink) return stored;
  if (stored?.token === tokenFromLink) return stored;
  const attempt = { token: tokenFromLink, key: newAttemptKey() };
  write(attempt);
  return attempt;
}

export function forgetStartAttempt(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* nothing was kept */
  }
}

function read(): StartAttempt | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<StartAttempt> | null;
    return typeof parsed?.token === 'string' && typeof parsed.key === 'string' ? { token: parsed.token, key: parsed.key } : null;
  } catch {
    return null;
  }
}

function write(attempt: StartAttempt): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(attempt));
  } catch {
    /* a reload will not resume; the retries within the page still do */
  }
}
