import type { EntityManager } from 'typeorm';
import { DirectoryMeetingEntity, DirectorySigninEntity, DirectoryUserEntity } from '../../api/database/entities';
import type { DirectoryFacts, PersonFacts } from './directory-facts';

const MEETING_LOOKBACK_DAYS = 14;

/** Reads what the question generators need about one user, and the distractor pools around them. */
export async function loadDirectoryFacts(db: EntityManager, userId: string, now = new Date()): Promise<DirectoryFacts | null> {
  const users = db.getRepository(DirectoryUserEntity);
  const user = await users.findOneBy({ id: userId });
  if (!user) return null;
  const manager = user.managerId ? await users.findOneBy({ id: user.managerId }) : null;
  const since = new Date(now.getTime() - MEETING_LOOKBACK_DAYS * 86_400_000);

  const [managerRows, departmentRows, officeRows, groupRows, attended, others, signins, cityRows] = await Promise.all([
    db.query(
      `SELECT DISTINCT m.display_name, (m.department = $2) AS same_department
         FROM directory_users m JOIN directory_users r ON r.manager_id = m.id
        WHERE m.id <> $1 AND m.active ORDER BY same_department DESC, m.display_name LIMIT 40`,
      [user.id, user.department],
    ),
    db.query(`SELECT DISTINCT department AS v FROM directory_users WHERE department IS NOT NULL`),
    db.query(`SELECT DISTINCT office AS v FROM directory_users WHERE office IS NOT NULL`),
    db.query(`SELECT DISTINCT unnest(groups) AS v FROM directory_users`),
    db
      .getRepository(DirectoryMeetingEntity)
      .createQueryBuilder('m')
      .where(':id = ANY(m.attendee_ids)', { id: user.id })
      .andWhere('m.start_at BETWEEN :since AND :now', { since, now })
      .getMany(),
    db.query(
      `SELECT DISTINCT m.subject AS v FROM directory_meetings m JOIN directory_users o ON o.id = m.organizer_id
        WHERE NOT ($1 = ANY(m.attendee_ids)) AND m.start_at BETWEEN $2 AND $3
        ORDER BY 1 LIMIT 60`,
      [user.id, since, now],
    ),
    db.getRepository(DirectorySigninEntity).find({ where: { userId: user.id }, order: { at: 'DESC' }, take: 1 }),
    db.query(`SELECT DISTINCT city AS v FROM directory_signins`),
  ]);
  const values = (rows: { v: string }[]) => rows.map((r) => r.v);

  return {
    user: person(user),
    manager: manager ? person(manager) : null,
    // Managers from the user's own department come first, so distractors look like real candidates.
    managerCandidates: managerRows.filter((r: { display_name: string }) => r.display_name !== manager?.displayName).map((r: { display_name: string }) => r.display_name),
    departments: values(departmentRows),
    offices: values(officeRows),
    groupNames: values(groupRows),
    attendedMeetings: [...new Set(attended.map((m) => m.subject))],
    otherMeetings: values(others),
    lastSigninCity: signins[0]?.city ?? null,
    signinCities: values(cityRows),
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
