import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import type { DirectoryFile } from './directory-file';
import { importDirectory } from './import-directory';

/**
 * `npm run directory:import -- people.json`: replaces the directory with a file in the
 * `resetgate-directory/v1` format (the format of the dev seed), against DATABASE_URL.
 */
async function main(): Promise<void> {
  const [path] = process.argv.slice(2);
  if (!path || !process.env.DATABASE_URL) {
    console.error('usage: DATABASE_URL=postgres://… npm run directory:import -- <file.json>');
    process.exit(2);
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as DirectoryFile;
  const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL)).initialize();
  try {
    await dataSource.runMigrations();
    const counts = await importDirectory(dataSource, file);
    console.log(`imported ${counts.users} users, ${counts.meetings} meetings, ${counts.signins} sign-ins`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
