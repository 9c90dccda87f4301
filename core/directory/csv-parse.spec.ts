import { CsvSyntaxError, parseCsv } from './csv-parse';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('parseCsv', () => {
  test('quoted fields keep commas, doubled quotes and line breaks', () => {
    expect(cells('a,"b, c","say ""hi""","two\nlines"\n')).toEqual([['a', 'b, c', 'say "hi"', 'two\nlines']]);
    expect(cells('"x\r\ny",z\r\n')).toEqual([['x\r\ny', 'z']]);
  });

  test('empty fields, quoted empty fields and a trailing comma are fields', () => {
    expect(cells('a,,c\n"",b,\n')).toEqual([
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });

  test('CRLF, LF and CR line ends, a missing last line end, a byte order mark and empty lines', () => {
    expect(cells('\ufeffh1,h2\r\n1,2\n3,4\r5,6')).toEqual([
      ['h1', 'h2'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(cells('a\n\n\r\nb\n\n')).toEqual([['a'], ['b']]);
    expect(cells('')).toEqual([]);
  });

  test('each record knows the line it starts on, after records that span lines', () => {
    const rows = parseCsv('h\n"one\ntwo\r\nthree"\n\nnext\r\n"a\rb"\nlast\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 6, 7, 9]);
  });

  test.each([
    ['a quote inside an unquoted field', 'h\nab"c\n', 2, /quote inside an unquoted field/],
    ['text after a closing quote', 'h\nok\n"ab"c,d\n', 3, /text after a closing quote/],
    ['a quote never closed (reported where it opened)', 'h\nok\n"open,\nmore\nlines\n', 3, /not closed/],
  ])('%s is an error naming its line', (_, text, line, message) => {
    let error: unknown;
    try {
      parseCsv(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(line);
    expect((error as CsvSyntaxError).message).toMatch(message);
  });
});
