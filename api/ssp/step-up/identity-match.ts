/**
 * Is the person who signed in at the IdP the user being verified? Compared on the corporate
 * address, case-insensitively, from the claims IdPs use for it (Entra ID often sends only
 * `preferred_username`, the UPN).
 */
export function signedInAsUser(claims: Record<string, unknown>, userEmail: string): boolean {
  const target = userEmail.trim().toLowerCase();
  return ['email', 'preferred_username', 'upn'].some((claim) => {
    const value = claims[claim];
    return typeof value === 'string' && value.trim().toLowerCase() === target;
  });
}
