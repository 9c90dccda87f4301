/** One record of a CSV file, with the line it starts on (a quoted field may span several). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A file that is not CSV at all: parsing stops at the first such place. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * RFC 4180, read leniently where spreadsheets differ from it: a UTF-8 byte order mark is
 * skipped, lines may end in CRLF, LF or CR, the last line may lack its line break, and empty
 * lines between records are ignored. Quoted fields keep commas, doubled quotes and line breaks.
 * A quote inside an unquoted field, text after a closing quote or an unclosed quote is an error
 * naming its line, since guessing there would shift every later field.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let field = '';
  /** `start`: at the beginning of a field; `after`: just past a closing quote. */
  let state: 'start' | 'plain' | 'quoted' | 'after' = 'start';
  let quoteLine = 0;

  const endRow = () => {
    cells.push(field);
    // A line with nothing on it is not a record of one empty field.
    if (!(cells.length === 1 && cells[0] === '' && state === 'start')) rows.push({ line: rowLine, cells });
    cells = [];
    field = '';
    state = 'start';
  };

  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    const lineBreak = c === '\n' || c === '\r';
    if (state === 'quoted') {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        state = 'after';
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === ',') {
      cells.push(field);
      field = '';
      state = 'start';
    } else if (lineBreak) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (state === 'after') {
      throw new CsvSyntaxError(line, 'text after a closing quote: quote the whole field, and double any quote inside it');
    } else if (c === '"') {
      if (state === 'plain') {
        throw new CsvSyntaxError(line, 'a quote inside an unquoted field: quote the whole field, and double the quote ("say ""hi""")');
      }
      state = 'quoted';
      quoteLine = line;
    } else {
      field += c;
      state = 'plain';
    }
  }
  if (state === 'quoted') throw new CsvSyntaxError(quoteLine, 'a quoted field is not closed before the end of the file');
  if (state !== 'start' || field !== '' || cells.length > 0) endRow();
  return rows;
}
