import type { DirectoryFile, DirectoryFileUser } from './directory-file';
import { type CsvRecord, ImportProblems, readCsvTable } from './csv-table';

export interface CsvFile {
  /** How problems name the file: its path as given. */
  name: string;
  text: string;
}

/** People, and optionally their meetings and sign-ins: the `resetgate-directory/v1` format as CSV. */
export interface DirectoryCsvFiles {
  users: CsvFile;
  meetings?: CsvFile;
  signins?: CsvFile;
}

/** Lists inside one cell (groups, attendees) are separated by this. */
export const LIST_SEPARATOR = ';';

export const USER_COLUMNS = {
  required: ['id', 'email', 'displayName'],
  optional: [
    'givenName',
    'familyName',
    'title',
    'department',
    'office',
    'officeCountry',
    'managerId',
    'mobilePhone',
    'personalEmail',
    'groups',
  ],
};
export const MEETING_COLUMNS = { required: ['id', 'subject', 'organizerId', 'startAt', 'attendeeIds'], optional: [] as string[] };
export const SIGNIN_COLUMNS = { required: ['userId', 'at', 'city', 'country'], optional: ['device'] };

const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@<>()",;:]{1,64}@([a-z0-9-]+\.)+[a-z]{2,63}$/i;
const COUNTRY = /^[A-Z]{2}$/;
/** A moment with its offset: a time without one would be read in the importing machine's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads the CSV files into a directory file, checking every row: required fields, formats,
 * unique ids and emails, and that managers, organisers, attendees and sign-ins name users of the
 * file. Every problem found is reported with its file and line, and then nothing is imported.
 */
export function readDirectoryCsv(files: DirectoryCsvFiles, generatedAt = new Date()): DirectoryFile {
  const problems = new ImportProblems([files.users, files.meetings, files.signins].flatMap((f) => (f ? [f.name] : [])));
  const users = readUsers(files.users, problems);
  const ids = new Set(users.map((u) => u.user.id));
  for (const { user, record } of users) {
    if (user.managerId && !ids.has(user.managerId))
      record.problem(`managerId "${user.managerId}" is not the id of a user in ${files.users.name}`);
    if (user.managerId === user.id) record.problem('a user cannot be their own manager');
  }
  const meetings = files.meetings ? readMeetings(files.meetings, ids, files.users.name, problems) : [];
  const signins = files.signins ? readSignins(files.signins, ids, files.users.name, problems) : [];
  problems.throwIfAny();
  return { format: 'resetgate-directory/v1', generatedAt: generatedAt.toISOString(), users: users.map((u) => u.user), meetings, signins };
}

function readUsers(file: CsvFile, problems: ImportProblems): { user: DirectoryFileUser; record: CsvRecord }[] {
  const out: { user: DirectoryFileUser; record: CsvRecord }[] = [];
  const idLines = new Map<string, number>();
  const emailLines = new Map<string, number>();
  for (const r of readCsvTable(file.name, file.text, USER_COLUMNS, problems)) {
    const id = required(r, 'id');
    const email = required(r, 'email');
    const displayName = required(r, 'displayName');
    if (id) unique(r, idLines, id, `id "${id}"`);
    if (email && !EMAIL.test(email)) r.problem(`email "${email}" is not an email address`);
    else if (email) unique(r, emailLines, email.toLowerCase(), `email "${email}"`);
    const personalEmail = optional(r, 'personalEmail');
    if (personalEmail && !EMAIL.test(personalEmail)) r.problem(`personalEmail "${personalEmail}" is not an email address`);
    out.push({
      record: r,
      user: {
        id,
        email,
        displayName,
        givenName: r.get('givenName'),
        familyName: r.get('familyName'),
        title: optional(r, 'title'),
        department: optional(r, 'department'),
        office: optional(r, 'office'),
        officeCountry: country(r, 'officeCountry'),
        managerId: optional(r, 'managerId'),
        mobilePhone: phone(r),
        personalEmail,
        groups: list(r.get('groups')),
      },
    });
  }
  return out;
}

function readMeetings(file: CsvFile, users: Set<string>, usersFile: string, problems: ImportProblems): DirectoryFile['meetings'] {
  const idLines = new Map<string, number>();
  return readCsvTable(file.name, file.text, MEETING_COLUMNS, problems).map((r) => {
    const id = required(r, 'id');
    if (id) unique(r, idLines, id, `id "${id}"`);
    const organizerId = required(r, 'organizerId');
    if (organizerId && !users.has(organizerId)) r.problem(`organizerId "${organizerId}" is not the id of a user in ${usersFile}`);
    const attendeeIds = list(r.get('attendeeIds'));
    if (attendeeIds.length === 0) r.problem(`attendeeIds is empty: list the invitees' user ids separated by "${LIST_SEPARATOR}"`);
    const strangers = attendeeIds.filter((a) => !users.has(a));
    if (strangers.length > 0) r.problem(`attendeeIds ${strangers.map((s) => `"${s}"`).join(', ')} are not ids of users in ${usersFile}`);
    return { id, subject: required(r, 'subject'), organizerId, startAt: instant(r, 'startAt'), attendeeIds };
  });
}

function readSignins(file: CsvFile, users: Set<string>, usersFile: string, problems: ImportProblems): DirectoryFile['signins'] {
  return readCsvTable(file.name, file.text, SIGNIN_COLUMNS, problems).map((r) => {
    const userId = required(r, 'userId');
    if (userId && !users.has(userId)) r.problem(`userId "${userId}" is not the id of a user in ${usersFile}`);
    const countryCode = country(r, 'country');
    if (!countryCode) r.problem('country is empty: give a two-letter ISO 3166 code such as GB');
    return { userId, at: instant(r, 'at'), city: required(r, 'city'), country: countryCode ?? '', device: optional(r, 'device') };
  });
}

function required(r: CsvRecord, column: string): string {
  const value = r.get(column);
  if (!value) r.problem(`${column} is empty`);
  return value;
}

function optional(r: CsvRecord, column: string): string | null {
  return r.get(column) || null;
}

function unique(r: CsvRecord, seen: Map<string, number>, key: string, what: string): void {
  const first = seen.get(key);
  if (first !== undefined) r.problem(`${what} is already on line ${first}`);
  else seen.set(key, r.line);
}

function list(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

function country(r: CsvRecord, column: string): string | null {
  const value = r.get(column).toUpperCase();
  if (!value) return null;
  if (!COUNTRY.test(value)) r.problem(`${column} "${r.get(column)}" is not a two-letter ISO 3166 code such as GB`);
  return value;
}

/** Spaces, dashes, dots and brackets are how people write numbers; what is left must be E.164. */
function phone(r: CsvRecord): string | null {
  const given = r.get('mobilePhone');
  if (!given) return null;
  const value = given.replace(/[\s().-]/g, '');
  if (!E164.test(value)) r.problem(`mobilePhone "${given}" is not an international number such as +447700900123`);
  return value;
}

function instant(r: CsvRecord, column: string): string {
  const value = required(r, column);
  if (!value) return '';
  const ms = Date.parse(value);
  if (!INSTANT.test(value) || Number.isNaN(ms) || !realDate(value)) {
    r.problem(`${column} "${value}" is not a date and time with its offset, such as 2026-11-20T09:30:00Z`);
    return '';
  }
  return new Date(ms).toISOString();
}

/** `Date.parse` rolls 30 February over into March; a typo there must not become another day. */
function realDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
