/** Common short forms of given names: "Ben Okafor" is a right answer for Benjamin Okafor. */
const GROUPS = [
  ['benjamin', 'ben', 'benji'],
  ['daniel', 'dan', 'danny'],
  ['william', 'will', 'bill', 'liam'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam'],
  ['thomas', 'tomas', 'tom', 'tommy'],
  ['alexander', 'alex', 'sasha'],
  ['alexandra', 'alex', 'sasha'],
  ['elizabeth', 'liz', 'beth', 'lizzie'],
  ['katherine', 'kate', 'kathy', 'katie'],
  ['michael', 'mike', 'mick'],
  ['christopher', 'chris'],
  ['nicholas', 'nick'],
  ['robert', 'rob', 'bob', 'bobby'],
  ['jonathan', 'jon'],
  ['matthew', 'matt'],
  ['andrew', 'andy', 'drew'],
  ['david', 'dave'],
  ['james', 'jim', 'jamie'],
  ['joseph', 'joe'],
  ['oliver', 'ollie'],
  ['isabel', 'izzy', 'isa', 'bel'],
  ['dmitri', 'dima'],
  ['rafael', 'rafa'],
  ['victor', 'vic'],
  ['julia', 'jules'],
  ['sofia', 'sophie', 'sofi'],
  ['elena', 'lena'],
  ['amelia', 'amy', 'millie'],
  ['hannah', 'hanna'],
  ['quentin', 'quinn'],
  ['mateo', 'matteo'],
  ['marco', 'marc'],
  ['felix', 'fee'],
];

const BY_NAME = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const name of group) {
    const forms = BY_NAME.get(name) ?? new Set<string>();
    group.forEach((g) => forms.add(g));
    BY_NAME.set(name, forms);
  }
}

/** True when two normalised given names are the same person's: equal, or known short forms of each other. */
export function sameGivenName(a: string, b: string): boolean {
  return a === b || (BY_NAME.get(a)?.has(b) ?? false);
}
