import type { EntityManager } from 'typeorm';
import { DirectoryUserEntity } from '../../api/database/entities';
import type { DirectoryFacts, MeetingFacts, PersonFacts } from './directory-facts';

const MEETING_LOOKBACK_DAYS = 14;
const SIGNIN_LOOKBACK_DAYS = 30;
/** A group at least this share of people hold says nothing about who is answering. */
const UBIQUITOUS_SHARE = 0.5;

/**
 * Reads what the question generators need about one user, and the distractor pools around them.
 * Queries run one after another: inside a transaction they share a single connection.
 */
export async function loadDirectoryFacts(db: EntityManager, userId: string, now = new Date()): Promise<DirectoryFacts | null> {
  const users = db.getRepository(DirectoryUserEntity);
  const user = await users.findOneBy({ id: userId });
  if (!user) return null;
  const manager = user.managerId ? await users.findOneBy({ id: user.managerId }) : null;
  const meetingsSince = new Date(now.getTime() - MEETING_LOOKBACK_DAYS * 86_400_000);
  const signinsSince = new Date(now.getTime() - SIGNIN_LOOKBACK_DAYS * 86_400_000);
  const values = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as { v: string }[]).map((r) => r.v);

  const managers = (sameDepartment: boolean) =>
    values(
      `SELECT m.display_name AS v FROM directory_users m
        WHERE m.active AND m.id <> $1 AND m.id <> coalesce($3, '')
          AND (m.department IS NOT DISTINCT FROM $2) = $4
          AND EXISTS (SELECT 1 FROM directory_users r WHERE r.manager_id = m.id)
        ORDER BY m.display_name LIMIT 40`,
      [user.id, user.department, user.managerId, sameDepartment],
    );
  const meetingSubjects = (sameDepartment: boolean) =>
    values(
      `SELECT DISTINCT m.subject AS v FROM directory_meetings m JOIN directory_users o ON o.id = m.organizer_id
        WHERE NOT ($1 = ANY(m.attendee_ids)) AND m.start_at BETWEEN $2 AND $3
          AND (o.department IS NOT DISTINCT FROM $4) = $5
        ORDER BY 1 LIMIT 60`,
      [user.id, meetingsSince, now, user.department, sameDepartment],
    );
  const attended: { subject: string; start_at: Date; attendees: string[] | null }[] = await db.query(
    `SELECT m.subject, m.start_at,
            array_agg(a.display_name ORDER BY a.display_name) FILTER (WHERE a.id IS NOT NULL) AS attendees
       FROM directory_meetings m
       LEFT JOIN directory_users a ON a.id = ANY(m.attendee_ids) AND a.id <> $1
      WHERE $1 = ANY(m.attendee_ids) AND m.start_at BETWEEN $2 AND $3
      GROUP BY m.id, m.subject, m.start_at`,
    [user.id, meetingsSince, now],
  );

  return {
    user: person(user),
    manager: manager ? person(manager) : null,
    departmentManagers: await managers(true),
    otherManagers: await managers(false),
    departments: await values(`SELECT DISTINCT department AS v FROM directory_users WHERE department IS NOT NULL`),
    offices: await values(`SELECT DISTINCT office AS v FROM directory_users WHERE office IS NOT NULL`),
    departmentGroups: await values(
      `SELECT g AS v FROM directory_users u, unnest(u.groups) g
        WHERE u.department IS NOT DISTINCT FROM $1 GROUP BY g ORDER BY count(*) DESC, g`,
      [user.department],
    ),
    groupNames: await values(`SELECT DISTINCT unnest(groups) AS v FROM directory_users`),
    ubiquitousGroups: await values(
      `SELECT g AS v FROM directory_users u, unnest(u.groups) g WHERE u.active
        GROUP BY g HAVING count(*) >= $1::real * (SELECT count(*) FROM directory_users WHERE active)`,
      [UBIQUITOUS_SHARE],
    ),
    attendedMeetings: attended.map((m): MeetingFacts => ({
      subject: m.subject,
      startAt: new Date(m.start_at),
      attendees: m.attendees ?? [],
    })),
    departmentMeetingSubjects: await meetingSubjects(true),
    otherMeetingSubjects: await meetingSubjects(false),
    signinCities: await values(`SELECT DISTINCT city AS v FROM directory_signins WHERE user_id = $1 AND at >= $2`, [user.id, signinsSince]),
    signinDevices: await values(
      `SELECT DISTINCT device AS v FROM directory_signins WHERE user_id = $1 AND at >= $2 AND device IS NOT NULL`,
      [user.id, signinsSince],
    ),
    deviceFamilies: await values(`SELECT DISTINCT device AS v FROM directory_signins WHERE device IS NOT NULL`),
    officeAreaCities: await values(
      `SELECT DISTINCT s.city AS v FROM directory_signins s JOIN directory_users u ON u.id = s.user_id
        WHERE u.office IS NOT DISTINCT FROM $1`,
      [user.office],
    ),
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
