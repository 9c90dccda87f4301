import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { repoRoot } from '../repo-root';
import { DirectoryMeetingEntity, DirectorySigninEntity, DirectoryUserEntity } from '../database/entities';
import type { DirectoryFile } from './directory-file';

export const DEV_DIRECTORY_PATH = join(repoRoot(), 'core', 'directory', 'dev-directory.json');

export interface ImportOptions {
  /** Shift every timestamp so the file's `generatedAt` becomes this moment: keeps the demo data "recent". */
  rebaseTo?: Date;
}

/** Replaces the directory with the file's contents, in one transaction. */
export async function importDirectory(dataSource: DataSource, file: DirectoryFile, options: ImportOptions = {}) {
  if (file.format !== 'resetgate-directory/v1') throw new Error(`unsupported directory format: ${String(file.format)}`);
  const shiftMs = options.rebaseTo ? options.rebaseTo.getTime() - Date.parse(file.generatedAt) : 0;
  const shifted = (iso: string) => new Date(Date.parse(iso) + shiftMs);
  await dataSource.transaction(async (db) => {
    await db.query('TRUNCATE directory_users, directory_meetings, directory_signins');
    for (const chunk of chunks(file.users, 500)) await db.insert(DirectoryUserEntity, chunk);
    for (const chunk of chunks(file.meetings, 500)) {
      await db.insert(
        DirectoryMeetingEntity,
        chunk.map((m) => ({ ...m, startAt: shifted(m.startAt) })),
      );
    }
    for (const chunk of chunks(file.signins, 500)) {
      await db.insert(
        DirectorySigninEntity,
        chunk.map((s) => ({ ...s, at: shifted(s.at) })),
      );
    }
  });
  return { users: file.users.length, meetings: file.meetings.length, signins: file.signins.length };
}

export function readDevDirectory(): DirectoryFile {
  return JSON.parse(readFileSync(DEV_DIRECTORY_PATH, 'utf8')) as DirectoryFile;
}

/** Seeds the development directory when the directory is empty. */
export async function seedDevDirectoryIfEmpty(dataSource: DataSource) {
  if ((await dataSource.getRepository(DirectoryUserEntity).count()) > 0) return null;
  return importDirectory(dataSource, readDevDirectory(), { rebaseTo: new Date() });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
