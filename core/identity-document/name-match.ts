/**
 * Whether the name an identity-verification provider read from a document is the directory's
 * name for the user (docs/assurance.md, "Identity document"). Pure: no I/O, no clock.
 *
 * The rules, in order:
 * 1. Both names are normalised: Unicode NFKD with the diacritics removed (José → jose), letters
 *    NFKD keeps whole spelled out (ß → ss, Ø → o, Æ → ae), lower case, hyphens and dots as spaces,
 *    apostrophes removed (O’Brien → obrien), runs of spaces as one.
 * 2. The family name must be the same after normalisation, all of it (Smith-Jones = Smith Jones,
 *    Smith ≠ Smith-Jones).
 * 3. The given names: the directory's given names must begin the document's, in order; names the
 *    document adds after them (middle names) are ignored. The first given name may also be a
 *    nickname of the other's (the written table below: Bob for Robert, Liz for Elizabeth), in
 *    either direction; two nicknames of one name do not match each other (Liz ≠ Beth).
 * 4. The document may give the names in the other order (family name first, as on many Asian and
 *    Hungarian documents, or a provider that swapped the fields): the same rules then apply to the
 *    swapped pair.
 * Anything else is a mismatch, for a person to look at (a referee), never a pass.
 */

export interface PersonName {
  given: string;
  family: string;
}

export type NameMatch =
  { matched: true; how: 'exact' | 'nickname' | 'swapped' } | { matched: false; reason: 'family_name' | 'given_name' | 'empty' };

/**
 * Nicknames, for given names only: each formal name with the short forms people go by. Matching
 * is formal ↔ short form, never short ↔ short (Alex may be Alexander or Alexandra, so Alexander
 * and Alexandra never match each other).
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  abigail: ['abby', 'abbie', 'gail'],
  alexander: ['alex', 'alec', 'sandy', 'xander', 'sasha'],
  alexandra: ['alex', 'alexa', 'sandra', 'sandy', 'lexi', 'sasha'],
  alfred: ['alf', 'alfie', 'fred'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  benjamin: ['ben', 'benny', 'benji'],
  catherine: ['cathy', 'kate', 'katie', 'cat'],
  charles: ['charlie', 'chuck', 'chas'],
  charlotte: ['lottie', 'charlie'],
  christina: ['chris', 'tina', 'christy'],
  christine: ['chris', 'tina', 'christy'],
  christopher: ['chris', 'kit', 'topher'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davey'],
  deborah: ['deb', 'debbie', 'debby'],
  donald: ['don', 'donnie'],
  dorothy: ['dot', 'dottie', 'dolly'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  eleanor: ['ellie', 'nell', 'nora'],
  elizabeth: ['liz', 'lizzie', 'lizzy', 'beth', 'betty', 'bess', 'eliza', 'libby'],
  frederick: ['fred', 'freddie'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg'],
  henry: ['harry', 'hank', 'hal'],
  isabel: ['izzy', 'bella', 'belle'],
  isabella: ['izzy', 'bella', 'belle'],
  jacob: ['jake'],
  james: ['jim', 'jimmy', 'jamie'],
  jennifer: ['jen', 'jenny'],
  jessica: ['jess', 'jessie'],
  john: ['jack', 'johnny'],
  jonathan: ['jon', 'jonny'],
  joseph: ['joe', 'joey'],
  josephine: ['jo', 'josie'],
  katherine: ['kate', 'katie', 'kathy', 'kat', 'kay'],
  kathryn: ['kate', 'katie', 'kathy', 'kat'],
  kenneth: ['ken', 'kenny'],
  lawrence: ['larry', 'laurie'],
  margaret: ['maggie', 'meg', 'peggy', 'margo', 'greta'],
  matthew: ['matt'],
  michael: ['mike', 'mikey', 'mick'],
  nicholas: ['nick', 'nicky'],
  olivia: ['liv', 'livvy'],
  patricia: ['pat', 'patty', 'tricia', 'trish'],
  patrick: ['pat', 'paddy'],
  peter: ['pete'],
  rebecca: ['becky', 'becca'],
  richard: ['rich', 'rick', 'richie', 'dick'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  ronald: ['ron', 'ronnie'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy'],
  stephen: ['steve'],
  steven: ['steve'],
  susan: ['sue', 'susie'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  victoria: ['vicky', 'tori'],
  william: ['bill', 'billy', 'will', 'willie', 'liam'],
  zachary: ['zach', 'zack'],
};

/** Letters NFKD leaves whole: spelled out as their usual Latin transliteration. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** A name as the rules compare it: see rule 1. */
export function normaliseName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPELLED_OUT[c]!)
    .replace(/['’‘`ʼ´]/g, '')
    .replace(/[-‐‑‒–—.,_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (name: string) => normaliseName(name).split(' ').filter(Boolean);

/** Two first given names are the same person's: equal, or one a nickname of the other. */
function sameFirstName(a: string, b: string): 'exact' | 'nickname' | null {
  if (a === b) return 'exact';
  if (NICKNAMES[a]?.includes(b) || NICKNAMES[b]?.includes(a)) return 'nickname';
  return null;
}

function matchInOrder(document: PersonName, record: PersonName): NameMatch {
  if (normaliseName(document.family) !== normaliseName(record.family)) return { matched: false, reason: 'family_name' };
  const onDocument = words(document.given);
  const onRecord = words(record.given);
  if (onRecord.length > onDocument.length) return { matched: false, reason: 'given_name' };
  const first = sameFirstName(onDocument[0]!, onRecord[0]!);
  if (!first || onRecord.some((word, i) => i > 0 && word !== onDocument[i])) return { matched: false, reason: 'given_name' };
  return { matched: true, how: first };
}

/** The document's name against the directory record's: see the rules above. */
export function matchName(document: PersonName, record: PersonName): NameMatch {
  if ([document.given, document.family, record.given, record.family].some((part) => words(part).length === 0)) {
    return { matched: false, reason: 'empty' };
  }
  const inOrder = matchInOrder(document, record);
  if (inOrder.matched) return inOrder;
  const swapped = matchInOrder({ given: document.family, family: document.given }, record);
  return swapped.matched ? { matched: true, how: 'swapped' } : inOrder;
}

/**
 * A name as the agent reads it in a proof's detail: the first given name's initial and the family
 * name ("J. Doe"), at most 40 characters. Enough to see a mismatch, not a full copy of the document.
 */
export function shortName(name: PersonName): string {
  const initial = name.given.trim().charAt(0).toUpperCase();
  const family = name.family.trim().replace(/\s+/g, ' ');
  const short = initial ? `${initial}. ${family}` : family;
  return short.length > 40 ? `${short.slice(0, 39)}…` : short;
}
