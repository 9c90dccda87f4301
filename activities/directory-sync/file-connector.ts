import { readFileSync } from 'node:fs';
import { DirectoryImportError } from '../../core/directory/csv-table';
import { readDirectoryCsv } from '../../core/directory/directory-csv';
import type { DirectoryFile } from '../../core/directory/directory-file';
import { type ConnectorPage, type DirectoryConnector, DirectorySourceError } from './directory-connector';

const PAGE = 500;

/**
 * People from a file in the import format (`resetgate-directory/v1` JSON, or the people CSV), for
 * organisations without SCIM: an HR export dropped where the worker reads it, synced on the same
 * schedule and with the same rules as SCIM. Meetings and sign-ins in the file are not synced here
 * (`npm run directory:import` loads them).
 */
export class FileConnector implements DirectoryConnector {
  readonly source = 'file';
  readonly groupsSeen = 0;

  constructor(private readonly path: string) {}

  async *pages(): AsyncIterable<ConnectorPage> {
    const people = this.read().users.map((user) => ({ ...user, active: true }));
    for (let i = 0; i < people.length; i += PAGE) yield { people: people.slice(i, i + PAGE), skipped: [] };
  }

  private read(): DirectoryFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      throw new DirectorySourceError(`cannot read the directory file ${this.path}: ${(err as Error).message}`, false);
    }
    try {
      if (this.path.toLowerCase().endsWith('.json')) return JSON.parse(text) as DirectoryFile;
      return readDirectoryCsv({ users: { name: this.path, text } });
    } catch (err) {
      // A broken file stays broken until someone replaces it: not worth retrying.
      const why = err instanceof DirectoryImportError ? err.problems.slice(0, 5).join('; ') : (err as Error).message;
      throw new DirectorySourceError(`the directory file ${this.path} is not valid: ${why}`, true);
    }
  }
}
