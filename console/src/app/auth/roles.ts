import { inject } from '@angular/core';
import type { CanMatchFn } from '@angular/router';
import type { Role } from '../api/views';
import { Session } from './session';

/** Who may open each page. The API enforces the same rules; this only keeps the console honest about them. */
export const PAGE_ROLES = {
  verifications: ['agent', 'admin', 'auditor'],
  dashboard: ['agent', 'admin', 'auditor'],
  audit: ['admin', 'auditor'],
  settings: ['admin'],
  sendLink: ['agent', 'admin'],
  approve: ['agent', 'admin'],
  replay: ['admin', 'auditor'],
  export: ['admin', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

/** A route only matches for the roles given; otherwise the "not allowed" page does. */
export function forRoles(roles: readonly Role[]): CanMatchFn {
  return async () => {
    const session = inject(Session);
    await session.ready();
    return session.hasAnyRole(roles);
  };
}
