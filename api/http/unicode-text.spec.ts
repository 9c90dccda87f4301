import { hasLoneSurrogate, refuseUnstorableText } from './unicode-text';

describe('lone surrogates', () => {
  it('finds a high or a low surrogate without its pair, anywhere', () => {
    expect(hasLoneSurrogate('\ud800')).toBe(true);
    expect(hasLoneSurrogate('Europe/\udc00London')).toBe(true);
    expect(hasLoneSurrogate('ab\ud83d')).toBe(true);
  });

  it('lets real text through, emoji and accents included', () => {
    expect(hasLoneSurrogate('Zoë 👋 Łódź')).toBe(false);
    expect(hasLoneSurrogate('')).toBe(false);
  });

  it('refuses them while parsing, in values and in keys, and keeps everything else', () => {
    expect(() => JSON.parse('{"signals":{"timezone":"\\ud800"}}', refuseUnstorableText)).toThrow(SyntaxError);
    expect(() => JSON.parse('{"\\udc00":1}', refuseUnstorableText)).toThrow(SyntaxError);
    expect(JSON.parse('{"name":"Zo\\u00eb \\ud83d\\udc4b","n":[1,"x"]}', refuseUnstorableText)).toEqual({ name: 'Zoë 👋', n: [1, 'x'] });
  });
});
