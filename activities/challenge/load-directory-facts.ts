import type { EntityManager } from 'typeorm';
import { DirectoryMeetingEntity, DirectorySigninEntity, DirectoryUserEntity } from '../../api/database/entities';
import type { DirectoryFacts, PersonFacts } from './directory-facts';

const MEETING_LOOKBACK_DAYS = 14;

/**
 * Reads what the question generators need about one user, and the distractor pools around them.
 * Queries run one after another: inside a transaction they share a single connection.
 */
export async function loadDirectoryFacts(db: EntityManager, userId: string, now = new Date()): Promise<DirectoryFacts | null> {
  const users = db.getRepository(DirectoryUserEntity);
  const user = await users.findOneBy({ id: userId });
  if (!user) return null;
  const manager = user.managerId ? await users.findOneBy({ id: user.managerId }) : null;
  const since = new Date(now.getTime() - MEETING_LOOKBACK_DAYS * 86_400_000);
  const values = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as { v: string }[]).map((r) => r.v);

  // Managers from the user's own department come first, so distractors look like real candidates.
  const managerCandidates = await values(
    `SELECT m.display_name AS v FROM directory_users m
      WHERE m.active AND m.id <> $1 AND m.id <> coalesce($3, '')
        AND EXISTS (SELECT 1 FROM directory_users r WHERE r.manager_id = m.id)
      ORDER BY (m.department IS NOT DISTINCT FROM $2) DESC, m.display_name LIMIT 40`,
    [user.id, user.department, user.managerId],
  );
  const attended = await db
    .getRepository(DirectoryMeetingEntity)
    .createQueryBuilder('m')
    .where(':id = ANY(m.attendee_ids)', { id: user.id })
    .andWhere('m.start_at BETWEEN :since AND :now', { since, now })
    .getMany();
  const lastSignin = await db.getRepository(DirectorySigninEntity).findOne({ where: { userId: user.id }, order: { at: 'DESC' } });

  return {
    user: person(user),
    manager: manager ? person(manager) : null,
    managerCandidates,
    departments: await values(`SELECT DISTINCT department AS v FROM directory_users WHERE department IS NOT NULL`),
    offices: await values(`SELECT DISTINCT office AS v FROM directory_users WHERE office IS NOT NULL`),
    groupNames: await values(`SELECT DISTINCT unnest(groups) AS v FROM directory_users`),
    attendedMeetings: [...new Set(attended.map((m) => m.subject))],
    otherMeetings: await values(
      `SELECT DISTINCT subject AS v FROM directory_meetings
        WHERE NOT ($1 = ANY(attendee_ids)) AND start_at BETWEEN $2 AND $3 ORDER BY 1 LIMIT 60`,
      [user.id, since, now],
    ),
    lastSigninCity: lastSignin?.city ?? null,
    signinCities: await values(`SELECT DISTINCT city AS v FROM directory_signins`),
  };
}

function person(u: DirectoryUserEntity): PersonFacts {
  return {
    id: u.id,
    displayName: u.displayName,
    department: u.department,
    office: u.office,
    managerId: u.managerId,
    groups: u.groups,
  };
}
