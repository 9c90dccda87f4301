// `npm run ssp:size` / `npm run console:size`: an app's initial JavaScript as a browser downloads it
// (gzip), after `npm run build`. Initial = the scripts index.html loads plus the chunks it preloads;
// lazy chunks are not counted. The SSP's goal is a phone on a poor network; the console's, a desk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const app = process.argv[2] ?? 'ssp';
const goal = { ssp: 100, console: 150 }[app];
if (!goal) throw new Error(`unknown app "${app}": ssp or console`);
const dir = join(import.meta.dirname, '..', 'dist', app, 'browser');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gzip = 0;
for (const file of new Set(files)) {
  const bytes = readFileSync(join(dir, file));
  const zipped = gzipSync(bytes, { level: 6 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(`  ${file.padEnd(28)} ${(bytes.length / 1024).toFixed(1).padStart(7)} kB  ${(zipped / 1024).toFixed(1).padStart(6)} kB gzip`);
}
console.log(
  `${app === 'ssp' ? 'SSP' : 'Console'} initial JavaScript: ${(gzip / 1024).toFixed(1)} kB gzip (${(raw / 1024).toFixed(1)} kB raw) in ${files.length} file(s); goal ≤ ${goal} kB`,
);
process.exitCode = gzip / 1024 <= goal ? 0 : 1;
