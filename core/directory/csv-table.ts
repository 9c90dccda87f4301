import { CsvSyntaxError, parseCsv } from './csv-parse';

/** Everything wrong with an import, each problem naming its file and line; nothing is imported. */
export class DirectoryImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the directory files; nothing was imported`);
  }
}

/** Problems of all files, reported in file order and then line order however late they are found. */
export class ImportProblems {
  private readonly found: { file: number; line: number; text: string }[] = [];

  constructor(private readonly files: string[]) {}

  add(file: string, line: number | null, message: string): void {
    this.found.push({
      file: this.files.indexOf(file),
      line: line ?? 0,
      text: line === null ? `${file}: ${message}` : `${file} line ${line}: ${message}`,
    });
  }

  throwIfAny(): void {
    if (this.found.length === 0) return;
    const sorted = [...this.found].sort((a, b) => a.file - b.file || a.line - b.line);
    throw new DirectoryImportError(sorted.map((p) => p.text));
  }
}

/** A CSV file's records keyed by its header row, each able to report a problem on its own line. */
export interface CsvRecord {
  line: number;
  get(column: string): string;
  problem(message: string): void;
}

/**
 * Parses one file and checks its header against the columns the format knows: `required` ones
 * must be there, others may be left out, and an unknown column is an error (a typo would
 * otherwise import as empty). Cells are trimmed; a column left out reads as empty.
 */
export function readCsvTable(
  name: string,
  text: string,
  columns: { required: readonly string[]; optional: readonly string[] },
  problems: ImportProblems,
): CsvRecord[] {
  const at = (line: number, message: string) => problems.add(name, line, message);
  const undecodable = text.indexOf('\uFFFD');
  if (undecodable >= 0) {
    at(text.slice(0, undecodable).split('\n').length, 'the file is not UTF-8 text: save it as "CSV UTF-8"');
    return [];
  }
  let rows;
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    at(err.line, err.message);
    return [];
  }
  if (rows.length === 0) {
    problems.add(name, null, `the file is empty; it needs a header row (${columns.required.join(',')},…)`);
    return [];
  }
  const [header, ...body] = rows;
  const names = header.cells.map((c) => c.trim());
  const known = [...columns.required, ...columns.optional];
  let headerProblems = 0;
  const headerProblem = (message: string) => {
    headerProblems++;
    at(header.line, message);
  };
  for (const [i, column] of names.entries()) {
    if (!known.includes(column)) headerProblem(`unknown column "${column}" (the columns are ${known.join(', ')})`);
    else if (names.indexOf(column) !== i) headerProblem(`column "${column}" appears twice`);
  }
  for (const column of columns.required) if (!names.includes(column)) headerProblem(`the header has no "${column}" column`);
  if (headerProblems > 0) return [];

  const records: CsvRecord[] = [];
  for (const row of body) {
    if (row.cells.length !== names.length) {
      at(row.line, `${row.cells.length} fields where the header has ${names.length} (quote a field that holds a comma)`);
      continue;
    }
    records.push({
      line: row.line,
      get: (column) => {
        const i = names.indexOf(column);
        // A line break inside a quoted field is a line break, however the file ends its lines.
        return i < 0 ? '' : row.cells[i].trim().replace(/\r\n?/g, '\n');
      },
      problem: (message) => at(row.line, message),
    });
  }
  return records;
}
