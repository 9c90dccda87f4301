import { ConfigError } from './config-error';

/** Readers for environment variables: each refuses a bad value with a message naming the variable. */
export { ConfigError };

export function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = num(env, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be a whole number, got "${env[name]}"`);
  return value;
}

export function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!['true', 'false', '1', '0'].includes(raw)) throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true' || raw === '1';
}

/** One of a fixed set of words. */
export function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(values as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${value}"`);
  return value as T;
}

/** A variable that must be set once its feature is switched on. */
export function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`${name} must be set ${why}`);
  return value;
}

/** An absolute http(s) URL, without a trailing slash. */
export function httpUrl(env: NodeJS.ProcessEnv, name: string, value = env[name]): string {
  let parsed: URL;
  try {
    parsed = new URL(value ?? '');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value ?? ''}"`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  return parsed.toString().replace(/\/+$/, '');
}

/** Exact origins (scheme, host, port): CORS with credentials allows no wildcard. */
export function origins(env: NodeJS.ProcessEnv, name: string, fallback: string): string[] {
  const raw = env[name] ?? fallback;
  return raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((origin) => {
      let url: URL | undefined;
      try {
        url = new URL(origin);
      } catch {
        url = undefined;
      }
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError(`${name} must be comma-separated origins like http://localhost:8233 (no path), got "${origin}"`);
      }
      return url.origin;
    });
}
