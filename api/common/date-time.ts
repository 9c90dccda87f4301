import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An ISO 8601 date or date-time that JavaScript and PostgreSQL both read the same way. ISO 8601
 * also allows week (`2026-W01`) and ordinal dates, which `new Date()` cannot parse: those, and
 * years PostgreSQL's timestamptz cannot hold, are a 400, not an invalid date sent to the database.
 */
export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isISO8601(value, { strict: true }) && readable(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be an ISO 8601 date or date-time, such as 2026-11-30 or 2026-11-30T09:00:00Z`,
      },
    },
    options,
  );
}

function readable(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}
