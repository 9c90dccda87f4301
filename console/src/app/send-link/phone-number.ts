/**
 * Building an E.164 number from a country and the national number the caller reads out. The
 * lengths are each country's national significant numbers; the server checks the result again.
 */
export interface Country {
  code: string;
  name: string;
  dial: string;
  /** National significant number length, without the trunk prefix. */
  min: number;
  max: number;
  /** Dialled before national numbers at home ("0" in most of Europe, "1" in North America). */
  trunk?: string;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'AU', name: 'Australia', dial: '61', min: 9, max: 9, trunk: '0' },
  { code: 'AT', name: 'Austria', dial: '43', min: 7, max: 13, trunk: '0' },
  { code: 'BE', name: 'Belgium', dial: '32', min: 8, max: 9, trunk: '0' },
  { code: 'BR', name: 'Brazil', dial: '55', min: 10, max: 11, trunk: '0' },
  { code: 'CA', name: 'Canada', dial: '1', min: 10, max: 10, trunk: '1' },
  { code: 'CZ', name: 'Czechia', dial: '420', min: 9, max: 9 },
  { code: 'DK', name: 'Denmark', dial: '45', min: 8, max: 8 },
  { code: 'FI', name: 'Finland', dial: '358', min: 6, max: 11, trunk: '0' },
  { code: 'FR', name: 'France', dial: '33', min: 9, max: 9, trunk: '0' },
  { code: 'DE', name: 'Germany', dial: '49', min: 6, max: 13, trunk: '0' },
  { code: 'HK', name: 'Hong Kong', dial: '852', min: 8, max: 8 },
  { code: 'IN', name: 'India', dial: '91', min: 10, max: 10, trunk: '0' },
  { code: 'IE', name: 'Ireland', dial: '353', min: 7, max: 9, trunk: '0' },
  { code: 'IL', name: 'Israel', dial: '972', min: 8, max: 9, trunk: '0' },
  { code: 'IT', name: 'Italy', dial: '39', min: 6, max: 11 },
  { code: 'JP', name: 'Japan', dial: '81', min: 9, max: 10, trunk: '0' },
  { code: 'LU', name: 'Luxembourg', dial: '352', min: 6, max: 11 },
  { code: 'MX', name: 'Mexico', dial: '52', min: 10, max: 10 },
  { code: 'NL', name: 'Netherlands', dial: '31', min: 9, max: 9, trunk: '0' },
  { code: 'NZ', name: 'New Zealand', dial: '64', min: 8, max: 10, trunk: '0' },
  { code: 'NO', name: 'Norway', dial: '47', min: 8, max: 8 },
  { code: 'PL', name: 'Poland', dial: '48', min: 9, max: 9 },
  { code: 'PT', name: 'Portugal', dial: '351', min: 9, max: 9 },
  { code: 'SG', name: 'Singapore', dial: '65', min: 8, max: 8 },
  { code: 'ZA', name: 'South Africa', dial: '27', min: 9, max: 9, trunk: '0' },
  { code: 'ES', name: 'Spain', dial: '34', min: 9, max: 9 },
  { code: 'SE', name: 'Sweden', dial: '46', min: 7, max: 13, trunk: '0' },
  { code: 'CH', name: 'Switzerland', dial: '41', min: 9, max: 9, trunk: '0' },
  { code: 'AE', name: 'United Arab Emirates', dial: '971', min: 8, max: 9, trunk: '0' },
  { code: 'GB', name: 'United Kingdom', dial: '44', min: 10, max: 10, trunk: '0' },
  { code: 'US', name: 'United States', dial: '1', min: 10, max: 10, trunk: '1' },
];

export function countryByCode(code: string): Country | undefined {
  return COUNTRIES.find((c) => c.code === code);
}

/** The agent's own country from the browser's language ("en-GB" → GB), else the United States. */
export function defaultCountry(languages: readonly string[] = navigator.languages ?? []): Country {
  for (const language of languages) {
    const region = language.split('-')[1]?.toUpperCase();
    const country = region && countryByCode(region);
    if (country) return country;
  }
  return countryByCode('US')!;
}

export type PhoneResult = { e164: string; country: Country } | { error: string };

/**
 * "07700 900123" in the United Kingdom → "+447700900123". A number typed with its own "+" prefix
 * is taken as it is (and picks its country when we know it).
 */
export function toE164(country: Country, typed: string): PhoneResult {
  const text = typed.trim();
  if (!text) return { error: 'Enter the mobile number the caller gives you.' };
  if (/[^\d\s().+-]/.test(text)) return { error: 'A phone number has digits only (spaces, dashes and brackets are fine).' };
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+') || text.startsWith('00')) {
    const international = text.startsWith('00') ? digits.slice(2) : digits;
    if (!/^[1-9]\d{7,14}$/.test(international)) return { error: 'An international number has 8 to 15 digits after the +.' };
    const match = [...COUNTRIES].sort((a, b) => b.dial.length - a.dial.length).find((c) => international.startsWith(c.dial));
    const found = match ?? country;
    const national = international.slice(found.dial.length);
    if (match && (national.length < match.min || national.length > match.max)) return lengthError(match);
    return { e164: `+${international}`, country: found };
  }
  // Where a trunk prefix exists, no national significant number starts with it: it is always dropped.
  const national = country.trunk && digits.startsWith(country.trunk) ? digits.slice(country.trunk.length) : digits;
  if (national.length < country.min || national.length > country.max) return lengthError(country);
  return { e164: `+${country.dial}${national}`, country };
}

function lengthError(country: Country): { error: string } {
  const length = country.min === country.max ? `${country.min}` : `${country.min} to ${country.max}`;
  return { error: `A ${country.name} number has ${length} digits after the country code (+${country.dial}).` };
}
