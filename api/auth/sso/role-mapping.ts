import type { Role } from '../../../core/database/entities/api-key.entity';

export const ALL_ROLES: readonly Role[] = ['admin', 'agent', 'auditor'];

/**
 * Roles from the IdP's groups claim. The claim may be an array or a single string (some IdPs
 * send one group as a string); anything else grants nothing. Matching is exact: a group named
 * "resetgate-admins-test" never grants admin.
 */
export function rolesFromClaims(claims: Record<string, unknown>, rolesClaim: string, roleGroups: Record<Role, string[]>): Role[] {
  const raw = claims[rolesClaim];
  const groups = new Set((Array.isArray(raw) ? raw : [raw]).filter((g): g is string => typeof g === 'string'));
  return ALL_ROLES.filter((role) => roleGroups[role].some((group) => groups.has(group)));
}
