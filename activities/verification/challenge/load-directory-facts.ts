import type { EntityManager } from 'typeorm';
import { DirectoryUserEntity } from '../../../core/database/entities';
import type { DirectoryActivitySource, DirectoryMeeting } from '../../../core/directory/activity-source';
import type { DirectoryFacts, MeetingFacts, PersonFacts } from './directory-facts';

const MEETING_LOOKBACK_DAYS = 14;
const SIGNIN_LOOKBACK_DAYS = 30;
/** A group at least this share of people hold says nothing about who is answering. */
const UBIQUITOUS_SHARE = 0.5;
/** Distractor subjects asked for per pool: plenty to draw three from after removing the user's own. */
const MEETING_SUBJECT_POOL = 60;

/**
 * Reads what the question generators need about one user, and the distractor pools around them:
 * people and groups from the directory, meetings and sign-ins from the activity source. Lists are
 * sorted, so any source holding the same data yields the same facts.
 */
export async function loadDirectoryFacts(
  db: EntityManager,
  activities: DirectoryActivitySource,
  userId: string,
  now = new Date(),
): Promise<DirectoryFacts | null> {
  const users = db.getRepository(DirectoryUserEntity);
  const user = await users.findOneBy({ id: userId });
  if (!user) return null;
  const manager = user.managerId ? await users.findOneBy({ id: user.managerId }) : null;
  const meetingWindow = { from: new Date(now.getTime() - MEETING_LOOKBACK_DAYS * 86_400_000), to: now };
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
  const meetingSubjects = async (inDepartment: boolean) =>
    sorted(
      await activities.meetingSubjectsWithout(user.id, meetingWindow, { department: user.department, inDepartment }, MEETING_SUBJECT_POOL),
    );
  const signins = await activities.recentSignIns(user.id, { since: signinsSince });

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
    attendedMeetings: await attendedMeetings(db, user.id, await activities.meetingsOf(user.id, meetingWindow)),
    departmentMeetingSubjects: await meetingSubjects(true),
    otherMeetingSubjects: await meetingSubjects(false),
    signinCities: sorted(signins.map((s) => s.city)),
    signinDevices: sorted(signins.map((s) => s.device)),
    deviceFamilies: sorted(await activities.deviceFamilies()),
    officeAreaCities: sorted(await activities.signInCitiesOfOffice(user.office)),
  };
}

/** The meetings with the other invitees' display names (people the directory lacks are left out). */
async function attendedMeetings(db: EntityManager, userId: string, meetings: DirectoryMeeting[]): Promise<MeetingFacts[]> {
  const others = [...new Set(meetings.flatMap((m) => m.attendeeIds))].filter((id) => id !== userId);
  const people: { id: string; display_name: string }[] = others.length
    ? await db.query(`SELECT id, display_name FROM directory_users WHERE id = ANY($1) ORDER BY display_name`, [others])
    : [];
  return meetings.map((m) => ({
    subject: m.subject,
    startAt: m.startAt,
    attendees: people.filter((p) => m.attendeeIds.includes(p.id)).map((p) => p.display_name),
  }));
}

/** Distinct and sorted, so the order a source answers in never changes what a seeded draw picks. */
function sorted(items: (string | null)[]): string[] {
  return [...new Set(items.filter((i): i is string => i !== null))].sort();
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
