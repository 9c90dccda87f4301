import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, startStack, TEST_IDP_PASSWORD } from '../support/stack';

/**
 * The README's curl walkthrough, run as a reader would paste it: the shell block verbatim, with
 * only the key line pointed at this stack. If the API or the README drifts apart, this fails.
 */
const ROOT = join(__dirname, '..', '..');

function walkthrough(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The flow with curl'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no shell block under "The flow with curl"');
  return block;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' });
});
afterAll(async () => {
  await stack?.stop();
});

test('the README walkthrough runs as written: passed, approved, completed, replayed, audited', () => {
  const script = walkthrough();
  const keyLine = /^export RG=\S+ KEY=\S+.*$/m;
  expect(script).toMatch(keyLine);
  // Its own folder, as a reader's checkout would be: it reads the dev directory and writes a few files.
  const dir = mkdtempSync(join(tmpdir(), 'resetgate-readme-'));
  cpSync(join(ROOT, 'core', 'directory', 'dev-directory.json'), join(dir, 'core', 'directory', 'dev-directory.json'));
  const run = spawnSync(
    'bash',
    ['-c', script.replace(keyLine, `export RG=${stack.baseUrl} KEY=${stack.apiKey} IDP_PASSWORD=${TEST_IDP_PASSWORD}`)],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  expect(output).toMatch(/#token=/);
  expect(output).toMatch(/"outcome":\s*"passed"/);
  expect(output).toMatch(/"recoveryClass":\s*"two_recovery_codes"/);
  expect(output).toMatch(/\/ssp\/vouch\?vouch=signed_in/);
  expect(output).toMatch(/"status":\s*"reset_completed"/);
  expect(output).toMatch(/^true$/m); // the replay's verdict: deterministic
  expect(output).toMatch(/"intact":\s*true/);
  expect(readFileSync(join(dir, 'verifications.csv'), 'utf8')).toMatch(/camille\.patel@example\.com/);
});
