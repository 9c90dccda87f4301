/**
 * Just enough JSON Schema (the OpenAPI 3.1 subset our document uses) to check a real answer
 * against the document. Stricter than JSON Schema on one point, on purpose: an object may carry
 * only the properties its schema names unless it says `additionalProperties`, so a field the API
 * sends but the document leaves out fails as surely as a field the document promises but is missing.
 */
type Schema = Record<string, any>;

export function schemaErrors(document: Schema, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    return target ? schemaErrors(document, target, value, at) : [`${at}: unknown schema ${schema.$ref}`];
  }
  const errors: string[] = [];
  for (const part of schema.allOf ?? []) errors.push(...schemaErrors(document, part, value, at));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!schema[key]) continue;
    const matching = (schema[key] as Schema[]).filter((alt) => schemaErrors(document, alt, value, at).length === 0).length;
    if (key === 'anyOf' ? matching === 0 : matching !== 1) errors.push(`${at}: matches ${matching} of ${key}`);
  }
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => isOfType(value, type))) return [...errors, `${at}: ${JSON.stringify(value)} is not ${types.join(' or ')}`];
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (
    typeof value === 'string' &&
    schema.format === 'date-time' &&
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
  ) {
    errors.push(`${at}: ${value} is not a date-time`);
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => errors.push(...schemaErrors(document, schema.items, item, `${at}[${i}]`)));
  if (isOfType(value, 'object') && (schema.properties || schema.type === 'object')) {
    const object = value as Record<string, unknown>;
    const properties: Record<string, Schema> = schema.properties ?? {};
    for (const name of schema.required ?? []) if (!(name in object)) errors.push(`${at}.${name}: missing`);
    for (const [name, field] of Object.entries(object)) {
      if (properties[name]) errors.push(...schemaErrors(document, properties[name], field, `${at}.${name}`));
      else if (!schema.additionalProperties) errors.push(`${at}.${name}: not in the document`);
    }
  }
  return errors;
}

function isOfType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}
