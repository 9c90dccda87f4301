import type { DirectoryFileUser } from '../../core/directory/directory-file';

/**
 * Where the directory comes from. A connector (SCIM 2.0 from the IdP, or a file in the import
 * format) yields the organisation's people page by page in ResetGate's shape; one sync routine
 * (`syncDirectory`) writes them, counts what changed and deactivates who is gone.
 */
export interface DirectoryConnector {
  /** Recorded on the sync report: `scim` or `file`. */
  readonly source: string;
  /** Every person, a page at a time; entries that cannot be used are in `skipped`, with the reason. */
  pages(): AsyncIterable<ConnectorPage>;
  /** Groups the source holds, once the pages are read (0 when it has no groups of its own). */
  readonly groupsSeen: number;
}

export interface ConnectorPage {
  people: DirectoryPerson[];
  skipped: { id: string; message: string }[];
}

/** A person as the directory table holds them: the import format's fields, and whether they are active. */
export type DirectoryPerson = DirectoryFileUser & { active: boolean };

/** The source refused or broke; `permanent` when retrying cannot help (bad credentials, no users). */
export class DirectorySourceError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
