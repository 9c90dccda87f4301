import type { ConnectorPage, DirectoryConnector } from './directory-connector';
import type { ScimClient } from './scim-client';
import { mapScimUser } from './scim-mapping';

/**
 * The IdP over SCIM 2.0 (how Okta and Entra ID provision): group memberships first, then the
 * users page by page. Memory stays flat: the memberships and one page at a time.
 */
export class ScimConnector implements DirectoryConnector {
  readonly source = 'scim';
  groupsSeen = 0;

  constructor(private readonly scim: ScimClient) {}

  async *pages(): AsyncIterable<ConnectorPage> {
    const memberships = new Map<string, string[]>();
    for await (const groups of this.scim.groups()) {
      for (const group of groups) {
        this.groupsSeen++;
        for (const member of group.members ?? []) {
          if (member.type && member.type !== 'User') continue;
          memberships.set(member.value, [...(memberships.get(member.value) ?? []), group.displayName]);
        }
      }
    }
    for await (const users of this.scim.users()) {
      const page: ConnectorPage = { people: [], skipped: [] };
      for (const user of users) {
        try {
          page.people.push(mapScimUser(user, (id) => memberships.get(id) ?? []));
        } catch (err) {
          page.skipped.push({ id: user.id, message: `user ${user.userName} ${(err as Error).message}` });
        }
      }
      yield page;
    }
  }
}
