import { COUNTRIES, type Country, countryByCode, defaultCountry, type PhoneResult, toE164 } from './phone-number';

const country = (code: string): Country => {
  const found = countryByCode(code);
  if (!found) throw new Error(`no country ${code} in the list`);
  return found;
};

/** The E.164 number, or the error text: one value to compare. */
const e164 = (result: PhoneResult) => ('e164' in result ? result.e164 : `error: ${result.error}`);

describe('toE164: a national number in the chosen country', () => {
  it('drops the trunk prefix the caller reads out ("07700 900123" in the UK)', () => {
    expect(toE164(country('GB'), '07700 900123')).toEqual({ e164: '+447700900123', country: country('GB') });
  });

  it('takes the same number without its trunk prefix', () => {
    expect(e164(toE164(country('GB'), '7700 900123'))).toBe('+447700900123');
  });

  it('drops North America’s trunk "1" too', () => {
    expect(e164(toE164(country('US'), '1 (212) 555-0123'))).toBe('+12125550123');
    expect(e164(toE164(country('US'), '(212) 555-0123'))).toBe('+12125550123');
  });

  it('keeps a leading 0 where the country has no trunk prefix (Italy dials it at home and abroad)', () => {
    expect(e164(toE164(country('IT'), '06 1234 5678'))).toBe('+390612345678');
  });

  it('accepts spaces, dashes, dots and brackets, and ignores surrounding blanks', () => {
    expect(e164(toE164(country('DE'), '  (030) 123-456.78 '))).toBe('+493012345678');
  });

  it('drops only one trunk prefix: a second 0 is part of the number, and here makes it too long', () => {
    expect(e164(toE164(country('GB'), '0 07700 900123'))).toBe(
      'error: A United Kingdom number has 10 digits after the country code (+44).',
    );
  });

  it('refuses a number too short or too long for the country, naming its length', () => {
    expect(e164(toE164(country('GB'), '07700 90012'))).toBe('error: A United Kingdom number has 10 digits after the country code (+44).');
    expect(e164(toE164(country('GB'), '07700 9001234'))).toBe('error: A United Kingdom number has 10 digits after the country code (+44).');
  });

  it('names a range where the country’s numbers vary in length', () => {
    expect(e164(toE164(country('DE'), '0123 4'))).toBe('error: A Germany number has 6 to 13 digits after the country code (+49).');
  });

  it('accepts the shortest and the longest national number', () => {
    expect(e164(toE164(country('DE'), '123456'))).toBe('+49123456');
    expect(e164(toE164(country('DE'), '1234567890123'))).toBe('+491234567890123');
    expect(e164(toE164(country('DE'), '12345678901234'))).toMatch(/^error: /);
  });
});

describe('toE164: what is not a number', () => {
  it('asks for a number when nothing (or only blanks) is typed', () => {
    expect(toE164(country('GB'), '')).toEqual({ error: 'Enter the mobile number the caller gives you.' });
    expect(toE164(country('GB'), '   ')).toEqual({ error: 'Enter the mobile number the caller gives you.' });
  });

  it('refuses letters and other symbols', () => {
    const digitsOnly = { error: 'A phone number has digits only (spaces, dashes and brackets are fine).' };
    expect(toE164(country('GB'), '07700 900ABC')).toEqual(digitsOnly);
    expect(toE164(country('GB'), '07700/900123')).toEqual(digitsOnly);
  });
});

describe('toE164: a number typed with its own country code', () => {
  it('takes "+44 …" as it is, whatever country is chosen, and picks the United Kingdom', () => {
    expect(toE164(country('US'), '+44 7700 900123')).toEqual({ e164: '+447700900123', country: country('GB') });
  });

  it('reads "00" as the international prefix', () => {
    expect(toE164(country('US'), '0044 7700 900123')).toEqual({ e164: '+447700900123', country: country('GB') });
  });

  it('recognises three-digit country codes', () => {
    expect(toE164(country('GB'), '+353 87 123 4567')).toEqual({ e164: '+353871234567', country: country('IE') });
    expect(toE164(country('GB'), '+420 601 123 456')).toEqual({ e164: '+420601123456', country: country('CZ') });
  });

  it('picks a +1 country for a North American number', () => {
    const result = toE164(country('GB'), '+1 212 555 0123');
    expect(e164(result)).toBe('+12125550123');
    expect('country' in result && result.country.dial).toBe('1');
  });

  it('checks the length against the country it picked', () => {
    expect(e164(toE164(country('US'), '+44 7700 90012'))).toBe(
      'error: A United Kingdom number has 10 digits after the country code (+44).',
    );
  });

  it('takes a country code it does not know as typed, keeping the chosen country', () => {
    expect(toE164(country('GB'), '+599 9 123 4567')).toEqual({ e164: '+59991234567', country: country('GB') });
  });

  it('needs 8 to 15 digits after the +, the first not 0', () => {
    const error = { error: 'An international number has 8 to 15 digits after the +.' };
    expect(toE164(country('GB'), '+4477009')).toEqual(error);
    expect(toE164(country('GB'), '+1234567890123456')).toEqual(error);
    expect(toE164(country('GB'), '+0447700900123')).toEqual(error);
    expect(toE164(country('GB'), '000447700900123')).toEqual(error);
  });
});

describe('countries', () => {
  it('finds a country by its ISO code, and nothing for an unknown one', () => {
    expect(countryByCode('FR')).toMatchObject({ name: 'France', dial: '33', trunk: '0' });
    expect(countryByCode('XX')).toBeUndefined();
  });

  it('lists each country once, alphabetically for the picker, with a sane length range', () => {
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = COUNTRIES.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    for (const c of COUNTRIES) {
      expect(c.min).toBeLessThanOrEqual(c.max);
      expect(c.dial).toMatch(/^[1-9]\d{0,2}$/);
    }
  });
});

describe('defaultCountry: the agent’s own country from the browser’s languages', () => {
  it('takes the region of the first language that names one we know', () => {
    expect(defaultCountry(['en-GB', 'en-US']).code).toBe('GB');
    expect(defaultCountry(['fr', 'de-CH']).code).toBe('CH');
    expect(defaultCountry(['en-ZZ', 'nl-NL']).code).toBe('NL');
  });

  it('reads the region whatever its case', () => {
    expect(defaultCountry(['en-gb']).code).toBe('GB');
  });

  it('falls back to the United States', () => {
    expect(defaultCountry([]).code).toBe('US');
    expect(defaultCountry(['fr', 'de']).code).toBe('US');
  });
});
