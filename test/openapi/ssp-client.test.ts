import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The SSP's client types are generated from the API's OpenAPI document. If the API changed and
 * `npm run openapi` was not run, this fails: the committed client would lie about the API.
 */
test('the committed SSP client matches the current OpenAPI document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resetgate-openapi-'));
  execFileSync(process.execPath, [join(ROOT, 'dist/api/openapi/export-openapi.js'), join(dir, 'openapi.json')], { cwd: ROOT });
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'schema.ts')],
    { cwd: ROOT, stdio: 'pipe' },
  );
  const fresh = readFileSync(join(dir, 'schema.ts'), 'utf8');
  const committed = readFileSync(join(ROOT, 'ssp/src/app/api/schema.ts'), 'utf8');
  expect(committed === fresh ? 'up to date' : 'stale: run npm run openapi').toBe('up to date');
  expect(fresh).toContain('"/api/v1/ssp/sessions"');
});
