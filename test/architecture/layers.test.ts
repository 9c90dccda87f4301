import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The floor plan holds because lint refuses an import that climbs back up. These plant one
 * forbidden import in each layer (in memory, never on disk) and expect lint to name it, beside
 * the imports each layer may make.
 */
const eslint = new ESLint({ cwd: join(__dirname, '..', '..') });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(__dirname, '..', '..', file) });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

test.each([
  ['activities/delivery/planted.ts', "import { AuditService } from '../../api/audit/audit.service';", /activities\/ must not import/],
  ['activities/delivery/planted.ts', "import { createWorker } from '../../worker/run-worker';", /activities\/ must not import/],
  ['api/common/planted.ts', "import { gradeAnswer } from '../../activities/verification/challenge/grading';", /api\/ must not import/],
  ['api/common/planted.ts', "import { createWorker } from '../../worker/run-worker';", /api\/ must not import/],
  ['core/audit/planted.ts', "import { AuditService } from '../../api/audit/audit.service';", /core\/ must not import/],
  ['core/audit/planted.ts', "import { gradeAnswer } from '../../activities/verification/challenge/grading';", /core\/ must not import/],
  ['worker/planted.ts', "import { createApp } from '../api/app.factory';", /worker\/ must not import/],
  ['workflows/verification/planted.ts', "import { hashSecret } from '../../core/security/hash-secret';", /workflows\/ must not import/],
  [
    'workflows/verification/planted.ts',
    "import { gradeAnswer } from '../../activities/verification/challenge/grading';",
    /workflows\/ must not import/,
  ],
  [
    'workflows/verification/planted.ts',
    "import type { VerificationActivityDeps } from '../../activities/verification/verification-activities';",
    /workflows\/ must not import/,
  ],
  ['workflows/verification/planted.ts', "import { randomUUID } from 'node:crypto';", /sandbox/],
])('lint refuses, in %s: %s', async (file, line, expected) => {
  const messages = await restrictedImports(file, `${line}\nexport const planted = 1;\n`);
  expect(messages).toEqual([expect.stringMatching(expected)]);
});

test.each([
  ['activities/delivery/allowed.ts', "import { hashSecret } from '../../core/security/hash-secret';"],
  ['activities/delivery/allowed.ts', "import type { Channel } from '../../workflows/verification/model';"],
  ['api/common/allowed.ts', "import { AppConfig } from '../../core/config/app-config';"],
  ['worker/allowed.ts', "import { createVerificationActivities } from '../activities/verification/verification-activities';"],
  ['workflows/verification/allowed.ts', "import type { VerificationActivities } from './activities';"],
  ['dev/allowed.ts', "import { createApp } from '../api/app.factory';\nimport { createWorker } from '../worker/run-worker';"],
])('lint allows, in %s: %s', async (file, line) => {
  expect(await restrictedImports(file, `${line}\nexport const allowed = 1;\n`)).toEqual([]);
});
