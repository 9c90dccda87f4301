import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import { replayVerifications } from '../../core/replay/replay-verification';
import { FAILURE_CONVERTER_PATH } from '../../core/temporal/data-converter';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'v2', 'passed-reset-completed.json');

test('npm run replay on a history file prints a verdict and the decision timeline', () => {
  const output = execFileSync(process.execPath, [join(ROOT, 'dist/tools/replay-cli.js'), FIXTURE], { encoding: 'utf8' });
  expect(output).toMatch(/✔ deterministic/);
  for (const event of ['started', 'link sent', 'link used', 'answer graded', 'risk assessed', 'outcome', 'reset approved', 'completed']) {
    expect(output).toContain(event);
  }
  expect(output).toMatch(/1 replayed in [\d.]+ s \([\d.]+\/s\): 1 deterministic, 0 not/);
});

test('a modified workflow fails replay with a message naming the verification', async () => {
  // A change that reorders commands (links revoked after, not before, the status is recorded) without patched().
  const dir = join(ROOT, 'test-output', 'modified-workflows');
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'workflows'), dir, { recursive: true, filter: (src) => !src.endsWith('.spec.ts') });
  const file = join(dir, 'verification', 'verification.workflow.ts');
  const source = readFileSync(file, 'utf8');
  const modified = source.replace(
    "    if (outcome !== 'passed') await acts.revokeLinks({ verificationId });\n    await setStatus(outcome, outcome);",
    "    await setStatus(outcome, outcome);\n    if (outcome !== 'passed') await acts.revokeLinks({ verificationId });",
  );
  expect(modified).not.toEqual(source);
  writeFileSync(file, modified);
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(dir, 'index.ts'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: silent,
  });

  const failed = join(__dirname, 'fixtures', 'v2', 'failed.json');
  const verdicts = [];
  const histories = [{ workflowId: 'verification-failed-fixture', history: historyFromJSON(JSON.parse(readFileSync(failed, 'utf8'))) }];
  for await (const v of replayVerifications({ workflowBundle: { code } }, histories, undefined)) {
    verdicts.push(v);
  }
  expect(verdicts).toHaveLength(1);
  expect(verdicts[0].deterministic).toBe(false);
  expect(verdicts[0].error).toMatch(/^verification-failed-fixture does not replay on the current workflow code: .*[Nn]ondeterminism/);
  expect(readdirSync(join(dir, 'verification'))).toContain('verification.workflow.ts');
});

const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} } as never;
