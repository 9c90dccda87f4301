import { csvLine } from './csv';

describe('csvLine', () => {
  test('plain values, empty cells for null, CRLF', () => {
    expect(csvLine(['a', 1, null, undefined, true])).toBe('a,1,,,true\r\n');
  });
  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    expect(csvLine(['Smith, Jo', 'say "hi"', 'two\nlines', 'cr\rlf'])).toBe('"Smith, Jo","say ""hi""","two\nlines","cr\rlf"\r\n');
  });
  test('text that a spreadsheet would run as a formula is defused with an apostrophe', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1', '-cmd', '@SUM(A1)', '\tx', '\rx'])).toBe(
      `"'=HYPERLINK(""http://x"")",'+1,'-cmd,'@SUM(A1),'\tx,"'\rx"\r\n`,
    );
  });
  test('numbers stay numbers, negative ones included; objects are JSON', () => {
    expect(csvLine([-3, 2.5, { a: 1, b: 'x,y' }])).toBe('-3,2.5,"{""a"":1,""b"":""x,y""}"\r\n');
  });
});
