import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The SSP's and the console's client types are generated from the API's OpenAPI document. If the
 * API changed and `npm run openapi` was not run, this fails: a committed client would lie about the API.
 */
let fresh: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'resetgate-openapi-'));
  execFileSync(process.execPath, [join(ROOT, 'dist/tools/export-openapi.js'), join(dir, 'openapi.json')], { cwd: ROOT });
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'schema.ts')],
    { cwd: ROOT, stdio: 'pipe' },
  );
  fresh = readFileSync(join(dir, 'schema.ts'), 'utf8');
});

test.each([
  ['SSP', 'ssp/src/app/api/schema.ts', '"/api/v1/ssp/sessions"'],
  ['console', 'console/src/app/api/schema.ts', '"/api/v1/verifications"'],
])('the committed %s client matches the current OpenAPI document', (_app, path, anEndpointItUses) => {
  const committed = readFileSync(join(ROOT, path), 'utf8');
  expect(committed === fresh ? 'up to date' : `${path} is stale: run npm run openapi`).toBe('up to date');
  expect(fresh).toContain(anEndpointItUses);
});
