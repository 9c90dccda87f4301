import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../core/database/data-source-options';
import { DirectoryImportError } from '../core/directory/csv-table';
import { readDirectoryCsv } from '../core/directory/directory-csv';
import type { DirectoryFile } from '../core/directory/directory-file';
import { importDirectory } from '../core/directory/import-directory';

const USAGE = `usage: DATABASE_URL=postgres://… npm run directory:import -- <people.json>
       DATABASE_URL=postgres://… npm run directory:import -- <people.csv> [--meetings <meetings.csv>] [--signins <signins.csv>]`;
/** Enough to fix a file in one go without burying the first lines of a badly broken one. */
const MAX_PROBLEMS_SHOWN = 50;

/**
 * `npm run directory:import`: replaces the directory (people, meetings, sign-ins) with a file in
 * the `resetgate-directory/v1` format (the format of the dev seed), as JSON or as CSV files,
 * against DATABASE_URL. Files are read and checked in full before the database is touched.
 */
async function main(): Promise<void> {
  const { positionals, values } = commandLine();
  const [path] = positionals;
  const json = path?.toLowerCase().endsWith('.json');
  if (positionals.length !== 1 || !process.env.DATABASE_URL || (json && (values.meetings || values.signins))) {
    console.error(USAGE);
    process.exit(2);
  }
  const file = json ? (JSON.parse(readFileSync(path, 'utf8')) as DirectoryFile) : readDirectoryCsv(csvFiles(path, values));
  const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL)).initialize();
  try {
    await dataSource.runMigrations();
    const counts = await importDirectory(dataSource, file);
    console.log(`imported ${counts.users} users, ${counts.meetings} meetings, ${counts.signins} sign-ins`);
  } finally {
    await dataSource.destroy();
  }
}

function commandLine() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { meetings: { type: 'string' }, signins: { type: 'string' } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function csvFiles(users: string, options: { meetings?: string; signins?: string }) {
  const read = (name: string) => ({ name, text: readFileSync(name, 'utf8') });
  return {
    users: read(users),
    ...(options.meetings && { meetings: read(options.meetings) }),
    ...(options.signins && { signins: read(options.signins) }),
  };
}

main().catch((err: unknown) => {
  if (err instanceof DirectoryImportError) {
    console.error(`import failed: ${err.message}`);
    for (const problem of err.problems.slice(0, MAX_PROBLEMS_SHOWN)) console.error(`  ${problem}`);
    if (err.problems.length > MAX_PROBLEMS_SHOWN) console.error(`  … and ${err.problems.length - MAX_PROBLEMS_SHOWN} more`);
  } else {
    console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
