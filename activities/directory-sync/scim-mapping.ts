import type { DirectoryPerson } from './directory-connector';
import { ENTERPRISE_USER, type ScimUser } from './scim-client';

/**
 * A SCIM user as a directory user: the work email (primary first), the mobile number, the work
 * address's city and country as the office, the enterprise extension's department and manager.
 * Throws with a reason when the user cannot be used (no email): the sync records it and goes on.
 */
export function mapScimUser(user: ScimUser, groupsOf: (id: string) => string[]): DirectoryPerson {
  const emails = user.emails ?? [];
  const work = emails.find((e) => e.primary) ?? emails.find((e) => e.type === 'work') ?? emails[0];
  const email = work?.value ?? (user.userName.includes('@') ? user.userName : undefined);
  if (!email) throw new Error('has no email address');
  const personal = emails.find((e) => e !== work && (e.type === 'home' || e.type === 'other'));
  const phones = user.phoneNumbers ?? [];
  const mobile = phones.find((p) => p.type === 'mobile') ?? null;
  const address = user.addresses?.find((a) => a.type === 'work') ?? user.addresses?.find((a) => a.primary) ?? null;
  const enterprise = user[ENTERPRISE_USER];
  const givenName = user.name?.givenName ?? '';
  const familyName = user.name?.familyName ?? '';
  const ownGroups = (user.groups ?? []).map((g) => g.display).filter((d): d is string => !!d);
  return {
    id: user.id,
    email,
    displayName: user.displayName ?? user.name?.formatted ?? ([givenName, familyName].filter(Boolean).join(' ') || email),
    givenName,
    familyName,
    title: user.title ?? null,
    department: enterprise?.department ?? null,
    office: address?.locality ?? null,
    officeCountry: address?.country?.toUpperCase() ?? null,
    managerId: enterprise?.manager?.value ?? null,
    mobilePhone: mobile ? normalisePhone(mobile.value) : null,
    personalEmail: personal?.value ?? null,
    groups: [...new Set([...ownGroups, ...groupsOf(user.id)])].sort(),
    active: user.active ?? true,
  };
}

/** E.164 when the number says so; IdPs store numbers with spaces and dashes. */
function normalisePhone(value: string): string {
  const digits = value.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(digits) ? digits : value;
}
