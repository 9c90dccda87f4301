import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root, found the same way from sources (tests) and from dist/ (runtime). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root');
    dir = parent;
  }
  return dir;
}
