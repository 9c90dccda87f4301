/**
 * @nestjs/swagger writes `nullable: true` (OpenAPI 3.0), a keyword 3.1 dropped: a 3.1 reader (and
 * JSON Schema) ignores it and then rejects the nulls the API really sends. This rewrites each one the
 * 3.1 way: `null` joins the type (and the enum), and a nullable reference becomes `anyOf [ref, null]`.
 */
export function nullableTo31(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(nullableTo31);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  Object.values(schema).forEach(nullableTo31);
  if (schema.nullable !== true) return;
  delete schema.nullable;
  const refs = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (Array.isArray(refs)) {
    if (!refs.some((s: Record<string, unknown>) => s.type === 'null')) refs.push({ type: 'null' });
    if (schema.allOf) {
      // allOf [ref, null] could never match: an alternative is what is meant.
      schema.anyOf = schema.allOf;
      delete schema.allOf;
    }
    delete schema.type;
    return;
  }
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}
