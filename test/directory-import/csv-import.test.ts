import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryImportError } from '../../core/directory/csv-table';
import {
  type CsvFile,
  LIST_SEPARATOR,
  MEETING_COLUMNS,
  readDirectoryCsv,
  SIGNIN_COLUMNS,
  USER_COLUMNS,
} from '../../core/directory/directory-csv';
import { readDevDirectory } from '../../core/directory/import-directory';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * `npm run directory:import` with CSV files: the built CLI against a fresh database, on fixture
 * files written byte for byte as spreadsheets save them (byte order mark, CRLF, quoted commas,
 * doubled quotes, line breaks inside quotes) and on files with bad rows.
 */
const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

function importCli(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/tools/import-directory-cli.js'), ...args], {
    cwd: FIXTURES,
    env: { ...process.env, DATABASE_URL: db.url },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const fixture = (name: string): CsvFile => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') });

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (err) {
    if (err instanceof DirectoryImportError) return err.problems;
    throw err;
  }
  throw new Error('the files were accepted');
}

async function directoryRows() {
  return {
    users: await db.dataSource.query(`SELECT * FROM directory_users ORDER BY id`),
    meetings: await db.dataSource.query(`SELECT * FROM directory_meetings ORDER BY id`),
    signins: await db.dataSource.query(`SELECT user_id, at, city, country, device FROM directory_signins ORDER BY at`),
  };
}

test('people, meetings and sign-ins import from CSV as spreadsheets write it', async () => {
  const run = importCli('people.csv', '--meetings', 'meetings.csv', '--signins', 'signins.csv');
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('imported 4 users, 3 meetings, 3 sign-ins\n');
  expect(run.status).toBe(0);

  const { users, meetings, signins } = await directoryRows();
  expect(users.map((u: { id: string }) => u.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
  expect(users[0]).toMatchObject({
    display_name: 'Inès Moreau',
    title: 'Director, Finance & Planning',
    department: 'Finance, Planning',
    office_country: 'FR',
    mobile_phone: '+33612345678',
    personal_email: 'ines.m@gmail.com',
    groups: ['all-staff', 'fin-leads'],
    manager_id: null,
  });
  expect(users[1]).toMatchObject({
    display_name: 'Tom "TJ" Okafor',
    manager_id: 'p1',
    mobile_phone: '+447700900123',
    personal_email: null,
    groups: ['all-staff', 'fin-ap', 'fin-close'],
  });
  expect(users[2]).toMatchObject({ title: 'Head of\nPayroll', groups: [] });
  expect(users[3]).toMatchObject({ given_name: '', family_name: '', title: null, department: null, office: null, groups: [] });

  expect(meetings).toMatchObject([
    { id: 'm1', subject: 'Budget review: Q3, Q4', organizer_id: 'p1', attendee_ids: ['p1', 'p2', 'p3'] },
    { id: 'm2', subject: 'Close "war room"\nday 2', organizer_id: 'p2', attendee_ids: ['p2', 'p3'] },
    { id: 'm3', subject: '1:1', attendee_ids: ['p1', 'p4'] },
  ]);
  expect(new Date(meetings[1].start_at).toISOString()).toBe('2026-11-19T13:00:00.000Z');
  expect(signins).toMatchObject([
    { user_id: 'p3', city: 'Lyon', country: 'FR', device: 'Windows · Edge' },
    { user_id: 'p2', city: 'Paris, 11e', country: 'FR', device: null },
    { user_id: 'p2', city: 'Saint-Denis', country: 'FR', device: 'iOS · Safari' },
  ]);
});

test('bad rows: every problem is named with its file and line, and nothing is imported', async () => {
  const before = await directoryRows();
  const run = importCli('bad-people.csv', '--meetings', 'bad-meetings.csv', '--signins', 'bad-signins.csv');
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')).toEqual([
    'import failed: 18 problems in the directory files; nothing was imported',
    '  bad-people.csv line 3: email "not-an-email" is not an email address',
    '  bad-people.csv line 4: id "b1" is already on line 2',
    '  bad-people.csv line 4: officeCountry "GBR" is not a two-letter ISO 3166 code such as GB',
    '  bad-people.csv line 4: mobilePhone "07700 900003" is not an international number such as +447700900123',
    '  bad-people.csv line 4: a user cannot be their own manager',
    '  bad-people.csv line 5: displayName is empty',
    '  bad-people.csv line 5: email "ANA@example.com" is already on line 2',
    '  bad-people.csv line 5: managerId "nobody" is not the id of a user in bad-people.csv',
    '  bad-people.csv line 6: a user cannot be their own manager',
    // Line 7 and 8 are one valid record with a line break inside its quoted department.
    '  bad-people.csv line 9: 5 fields where the header has 8 (quote a field that holds a comma)',
    '  bad-meetings.csv line 2: startAt "2026-02-30T10:00:00Z" is not a date and time with its offset, such as 2026-11-20T09:30:00Z',
    '  bad-meetings.csv line 3: organizerId "b9" is not the id of a user in bad-people.csv',
    '  bad-meetings.csv line 3: attendeeIds is empty: list the invitees\' user ids separated by ";"',
    '  bad-meetings.csv line 3: subject is empty',
    '  bad-meetings.csv line 3: startAt "2026-11-20 10:00" is not a date and time with its offset, such as 2026-11-20T09:30:00Z',
    '  bad-meetings.csv line 4: id "m1" is already on line 2',
    '  bad-meetings.csv line 4: attendeeIds "zz", "yy" are not ids of users in bad-people.csv',
    '  bad-signins.csv line 1: unknown column "browser" (the columns are userId, at, city, country, device)',
    '',
  ]);
  expect(await directoryRows()).toEqual(before);
});

test('files that are not CSV, or not UTF-8, are refused at the line where they go wrong', () => {
  expect(problemsOf(() => readDirectoryCsv({ users: fixture('unclosed-quote.csv') }))).toEqual([
    'unclosed-quote.csv line 3: a quoted field is not closed before the end of the file',
  ]);
  expect(problemsOf(() => readDirectoryCsv({ users: fixture('stray-quote.csv') }))).toEqual([
    'stray-quote.csv line 3: a quote inside an unquoted field: quote the whole field, and double the quote ("say ""hi""")',
  ]);
  expect(problemsOf(() => readDirectoryCsv({ users: fixture('latin1-people.csv') }))).toEqual([
    'latin1-people.csv line 2: the file is not UTF-8 text: save it as "CSV UTF-8"',
  ]);
  expect(problemsOf(() => readDirectoryCsv({ users: { name: 'empty.csv', text: '' } }))).toEqual([
    'empty.csv: the file is empty; it needs a header row (id,email,displayName,…)',
  ]);
  expect(problemsOf(() => readDirectoryCsv({ users: { name: 'no-email.csv', text: 'id,displayName,id\nx,X,x\n' } }))).toEqual([
    'no-email.csv line 1: column "id" appears twice',
    'no-email.csv line 1: the header has no "email" column',
  ]);
});

test('the dev directory written as CSV reads back as the same directory as its JSON', () => {
  const json = readDevDirectory();
  const dir = mkdtempSync(join(tmpdir(), 'resetgate-directory-csv-'));
  const write = (name: string, columns: { required: string[]; optional: string[] }, rows: object[]): CsvFile => {
    const header = [...columns.required, ...columns.optional];
    const text = [header, ...rows.map((row) => header.map((c) => (row as Record<string, unknown>)[c]))].map(csvRecord).join('\r\n');
    writeFileSync(join(dir, name), text);
    return { name, text: readFileSync(join(dir, name), 'utf8') };
  };
  const csv = readDirectoryCsv(
    {
      users: write('people.csv', USER_COLUMNS, json.users),
      meetings: write('meetings.csv', MEETING_COLUMNS, json.meetings),
      signins: write('signins.csv', SIGNIN_COLUMNS, json.signins),
    },
    new Date(json.generatedAt),
  );
  expect(csv).toEqual(json);
  expect(csv.users.length).toBeGreaterThan(300);
});

test('usage errors exit 2 before touching anything', () => {
  expect(importCli('people.json', '--meetings', 'meetings.csv').status).toBe(2);
  expect(importCli('people.csv', '--users', 'people.csv').status).toBe(2);
  expect(importCli().stderr).toMatch(/usage: DATABASE_URL=/);
});

/** A spreadsheet's way of writing a row: lists joined, every field with a comma, quote or line break quoted. */
function csvRecord(values: unknown[]): string {
  return values
    .map((value) => {
      const text = Array.isArray(value) ? value.join(LIST_SEPARATOR) : value === null || value === undefined ? '' : String(value);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
