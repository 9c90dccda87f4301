import { matchName, NICKNAMES, normaliseName, shortName } from './name-match';

const record = (given: string, family: string) => ({ given, family });
const doc = record;

describe('normaliseName', () => {
  test.each([
    ['José', 'jose'],
    ['  MÜLLER  ', 'muller'],
    ['Zoë', 'zoe'],
    ['Łukasz', 'lukasz'],
    ['Strauß', 'strauss'],
    ['Søren', 'soren'],
    ['Ægir', 'aegir'],
    ['O’Brien', 'obrien'],
    ["O'Brien", 'obrien'],
    ['Smith-Jones', 'smith jones'],
    ['Smith – Jones', 'smith jones'],
    ['Jean-Luc', 'jean luc'],
    ['J.', 'j'],
    ['ＡＮＮＡ', 'anna'], // full-width letters, folded by NFKD
    ['Nguyễn', 'nguyen'],
    ['Ana  María\tdel   Carmen', 'ana maria del carmen'],
  ])('%s → %s', (raw, normalised) => {
    expect(normaliseName(raw)).toBe(normalised);
  });
});

describe('matchName', () => {
  test('the same name matches exactly', () => {
    expect(matchName(doc('Alex', 'Smith'), record('Alex', 'Smith'))).toEqual({ matched: true, how: 'exact' });
  });

  test('case, diacritics, hyphens, apostrophes and spacing do not matter', () => {
    expect(matchName(doc('JOSÉ', 'GARCÍA-LÓPEZ'), record('Jose', 'Garcia Lopez'))).toEqual({ matched: true, how: 'exact' });
    expect(matchName(doc('siobhan', 'O’Neill'), record('Siobhán', "O'Neill"))).toEqual({ matched: true, how: 'exact' });
    expect(matchName(doc('  Anna ', ' Müller'), record('Anna', 'Mueller'))).toEqual({ matched: false, reason: 'family_name' });
  });

  test('middle names on the document are ignored', () => {
    expect(matchName(doc('Alex James Robert', 'Smith'), record('Alex', 'Smith'))).toEqual({ matched: true, how: 'exact' });
    expect(matchName(doc('Mary Ann Louise', 'Jones'), record('Mary Ann', 'Jones'))).toEqual({ matched: true, how: 'exact' });
  });

  test('given names the directory has and the document lacks, or in another order, do not match', () => {
    expect(matchName(doc('Mary', 'Jones'), record('Mary Ann', 'Jones'))).toEqual({ matched: false, reason: 'given_name' });
    expect(matchName(doc('Mary Louise Ann', 'Jones'), record('Mary Ann', 'Jones'))).toEqual({ matched: false, reason: 'given_name' });
    // A middle name is not the first name: the directory's Robert is not the document's James Robert.
    expect(matchName(doc('James Robert', 'Smith'), record('Robert', 'Smith'))).toEqual({ matched: false, reason: 'given_name' });
  });

  test.each([
    ['Robert', 'Bob'],
    ['William', 'Bill'],
    ['Elizabeth', 'Liz'],
    ['Elizabeth', 'Beth'],
    ['Alexander', 'Alex'],
    ['Alexandra', 'Alex'],
    ['Katherine', 'Kate'],
    ['Margaret', 'Peggy'],
  ])('a nickname matches its formal name either way: %s / %s', (formal, nickname) => {
    expect(matchName(doc(formal, 'Smith'), record(nickname, 'Smith'))).toEqual({ matched: true, how: 'nickname' });
    expect(matchName(doc(nickname, 'Smith'), record(formal, 'Smith'))).toEqual({ matched: true, how: 'nickname' });
  });

  test('a nickname with middle names on the document still matches', () => {
    expect(matchName(doc('Robert James', 'Smith'), record('Bob', 'Smith'))).toEqual({ matched: true, how: 'nickname' });
  });

  test('two nicknames of one name, or two formal names sharing a nickname, do not match', () => {
    expect(matchName(doc('Liz', 'Smith'), record('Beth', 'Smith'))).toEqual({ matched: false, reason: 'given_name' });
    expect(matchName(doc('Alexander', 'Smith'), record('Alexandra', 'Smith'))).toEqual({ matched: false, reason: 'given_name' });
  });

  test('nicknames are for given names only: the family name must match exactly', () => {
    expect(matchName(doc('Alex', 'Williams'), record('Alex', 'Bill'))).toEqual({ matched: false, reason: 'family_name' });
    expect(matchName(doc('Alex', 'Bob'), record('Alex', 'Robert'))).toEqual({ matched: false, reason: 'family_name' });
  });

  test('the family name must be the whole family name', () => {
    expect(matchName(doc('Alex', 'Smith'), record('Alex', 'Smith-Jones'))).toEqual({ matched: false, reason: 'family_name' });
    expect(matchName(doc('Alex', 'Smith Jones'), record('Alex', 'Smith'))).toEqual({ matched: false, reason: 'family_name' });
    expect(matchName(doc('Alex', 'Smyth'), record('Alex', 'Smith'))).toEqual({ matched: false, reason: 'family_name' });
  });

  test('the given and family names in the other order are accepted', () => {
    expect(matchName(doc('Tanaka', 'Yuki'), record('Yuki', 'Tanaka'))).toEqual({ matched: true, how: 'swapped' });
    expect(matchName(doc('Smith', 'Robert'), record('Bob', 'Smith'))).toEqual({ matched: true, how: 'swapped' });
  });

  test('someone else’s name does not match, and says which part differs', () => {
    expect(matchName(doc('Jordan', 'Doe'), record('Alex', 'Smith'))).toEqual({ matched: false, reason: 'family_name' });
    expect(matchName(doc('Jordan', 'Smith'), record('Alex', 'Smith'))).toEqual({ matched: false, reason: 'given_name' });
    // The same family and a different person in it.
    expect(matchName(doc('Alexandra', 'Smith'), record('Alexander', 'Smith'))).toEqual({ matched: false, reason: 'given_name' });
  });

  test('an empty or punctuation-only name never matches', () => {
    expect(matchName(doc('', 'Smith'), record('Alex', 'Smith'))).toEqual({ matched: false, reason: 'empty' });
    expect(matchName(doc('Alex', '--'), record('Alex', 'Smith'))).toEqual({ matched: false, reason: 'empty' });
    expect(matchName(doc('Alex', 'Smith'), record(' ', 'Smith'))).toEqual({ matched: false, reason: 'empty' });
  });

  test('the nickname table is written in normalised form, formal names to short forms', () => {
    for (const [formal, nicknames] of Object.entries(NICKNAMES)) {
      expect(normaliseName(formal)).toBe(formal);
      for (const nickname of nicknames) {
        expect(normaliseName(nickname)).toBe(nickname);
        expect(nickname).not.toBe(formal);
      }
    }
  });
});

describe('shortName', () => {
  test('the initial and the family name', () => {
    expect(shortName(doc('jordan', 'Doe'))).toBe('J. Doe');
    expect(shortName(doc('Émile  ', '  van  der Berg'))).toBe('É. van der Berg');
  });

  test('at most 40 characters', () => {
    const short = shortName(doc('Alex', 'X'.repeat(80)));
    expect(short).toHaveLength(40);
    expect(short.endsWith('…')).toBe(true);
  });

  test('no given name: the family name alone', () => {
    expect(shortName(doc('', 'Doe'))).toBe('Doe');
  });
});
