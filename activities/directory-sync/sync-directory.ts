import type { DataSource } from 'typeorm';
import { type DirectoryConnector, type DirectoryPerson, DirectorySourceError } from './directory-connector';

export interface SyncCounts {
  usersSeen: number;
  usersCreated: number;
  usersUpdated: number;
  usersDeactivated: number;
  groupsSeen: number;
  /** Users that could not be taken (no email, an email another user holds), at most MAX_ERRORS. */
  errors: { id: string; message: string }[];
}

const BATCH = 500;
const MAX_ERRORS = 100;

/**
 * One pass over a directory connector: people upserted in batches, only changed rows rewritten
 * and counted. People not seen are deactivated only after a complete pass, so a sync that fails
 * half way, or a source that answers with nobody, leaves everyone as they were.
 */
export async function syncDirectory(
  dataSource: DataSource,
  connector: DirectoryConnector,
  options: { startedAt: Date; onProgress?: (counts: SyncCounts) => Promise<void> | void },
): Promise<SyncCounts> {
  const counts: SyncCounts = { usersSeen: 0, usersCreated: 0, usersUpdated: 0, usersDeactivated: 0, groupsSeen: 0, errors: [] };
  const fail = (id: string, message: string) => {
    if (counts.errors.length < MAX_ERRORS) counts.errors.push({ id, message });
  };

  for await (const page of connector.pages()) {
    counts.usersSeen += page.people.length + page.skipped.length;
    counts.groupsSeen = connector.groupsSeen;
    for (const skipped of page.skipped) fail(skipped.id, skipped.message);
    for (let i = 0; i < page.people.length; i += BATCH) {
      await upsert(dataSource, page.people.slice(i, i + BATCH), options.startedAt, counts, fail);
    }
    await options.onProgress?.(counts);
  }
  if (counts.usersSeen === 0) throw new DirectorySourceError(`the ${connector.source} source returned no users: nothing was changed`, true);

  const [{ n }]: { n: number }[] = await dataSource.query(
    `WITH gone AS (UPDATE directory_users SET active = false WHERE active AND (last_synced_at IS NULL OR last_synced_at < $1) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [options.startedAt],
  );
  counts.usersDeactivated = n;
  return counts;
}

/**
 * A batch in one statement; when one row breaks it (an email another user holds), row by row to
 * find it. A user that cannot be written is not marked as seen, so the pass deactivates it rather
 * than leave it to be verified on stale facts.
 */
async function upsert(
  dataSource: DataSource,
  users: DirectoryPerson[],
  syncedAt: Date,
  counts: SyncCounts,
  fail: (id: string, message: string) => void,
): Promise<void> {
  try {
    await upsertRows(dataSource, users, syncedAt, counts);
  } catch (err) {
    if (users.length === 1) return fail(users[0].id, `user ${users[0].email}: ${(err as Error).message}`);
    for (const user of users) await upsert(dataSource, [user], syncedAt, counts, fail);
  }
}

async function upsertRows(dataSource: DataSource, users: DirectoryPerson[], syncedAt: Date, counts: SyncCounts): Promise<void> {
  await dataSource.transaction(async (db) => {
    // Every user seen is marked, changed or not; only changed rows are rewritten and counted.
    await db.query(`UPDATE directory_users SET last_synced_at = $2 WHERE id = ANY ($1)`, [users.map((u) => u.id), syncedAt]);
    const written: { created: boolean }[] = await db.query(
      `INSERT INTO directory_users AS d (id, email, display_name, given_name, family_name, title, department, office, office_country,
                                         manager_id, mobile_phone, personal_email, groups, active, last_synced_at)
       SELECT x.*, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS x(
         id text, "email" text, "displayName" text, "givenName" text, "familyName" text, title text, department text, office text,
         "officeCountry" text, "managerId" text, "mobilePhone" text, "personalEmail" text, groups text[], active boolean)
       ON CONFLICT (id) DO UPDATE SET
         email = excluded.email, display_name = excluded.display_name, given_name = excluded.given_name,
         family_name = excluded.family_name, title = excluded.title, department = excluded.department, office = excluded.office,
         office_country = excluded.office_country, manager_id = excluded.manager_id, mobile_phone = excluded.mobile_phone,
         personal_email = excluded.personal_email, groups = excluded.groups, active = excluded.active
       WHERE (d.email, d.display_name, d.given_name, d.family_name, d.title, d.department, d.office, d.office_country,
              d.manager_id, d.mobile_phone, d.personal_email, d.groups, d.active)
             IS DISTINCT FROM
             (excluded.email, excluded.display_name, excluded.given_name, excluded.family_name, excluded.title, excluded.department,
              excluded.office, excluded.office_country, excluded.manager_id, excluded.mobile_phone, excluded.personal_email,
              excluded.groups, excluded.active)
       RETURNING (xmax = 0) AS created`,
      [JSON.stringify(users), syncedAt],
    );
    const created = written.filter((w) => w.created).length;
    counts.usersCreated += created;
    counts.usersUpdated += written.length - created;
  });
}
