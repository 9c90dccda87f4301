import type { DataSource } from 'typeorm';
import type {
  DirectoryActivitySource,
  DirectoryMeeting,
  DirectorySignIn,
  OrganizerFilter,
  SignInQuery,
  TimeWindow,
} from './activity-source';

/**
 * The default source: the `directory_meetings` and `directory_signins` tables, filled by
 * `npm run directory:import` and the dev seed. Each call takes a pooled connection for one query
 * only, so callers never hold a transaction open while waiting for another connection.
 */
export class TableActivitySource implements DirectoryActivitySource {
  constructor(private readonly dataSource: DataSource) {}

  async meetingsOf(userId: string, window: TimeWindow): Promise<DirectoryMeeting[]> {
    const rows: { id: string; subject: string; organizer_id: string; start_at: Date; attendee_ids: string[] }[] =
      await this.dataSource.query(
        `SELECT id, subject, organizer_id, start_at, attendee_ids FROM directory_meetings
        WHERE $1 = ANY(attendee_ids) AND start_at BETWEEN $2 AND $3
        ORDER BY start_at, id`,
        [userId, window.from, window.to],
      );
    return rows.map((m) => ({
      id: m.id,
      subject: m.subject,
      organizerId: m.organizer_id,
      startAt: new Date(m.start_at),
      attendeeIds: m.attendee_ids,
    }));
  }

  async meetingSubjectsWithout(userId: string, window: TimeWindow, organizers: OrganizerFilter, limit: number): Promise<string[]> {
    return this.values(
      `SELECT DISTINCT m.subject AS v FROM directory_meetings m JOIN directory_users o ON o.id = m.organizer_id
        WHERE NOT ($1 = ANY(m.attendee_ids)) AND m.start_at BETWEEN $2 AND $3
          AND (o.department IS NOT DISTINCT FROM $4) = $5
        ORDER BY 1 LIMIT $6`,
      [userId, window.from, window.to, organizers.department, organizers.inDepartment, limit],
    );
  }

  async recentSignIns(userId: string, query: SignInQuery): Promise<DirectorySignIn[]> {
    const rows: { user_id: string; at: Date; city: string; country: string; device: string | null }[] = await this.dataSource.query(
      `SELECT user_id, at, city, country, device FROM directory_signins
        WHERE user_id = $1 AND ($2::timestamptz IS NULL OR at >= $2)
        ORDER BY at DESC LIMIT $3`,
      [userId, query.since ?? null, query.limit ?? null],
    );
    return rows.map((s) => ({ userId: s.user_id, at: new Date(s.at), city: s.city, country: s.country, device: s.device }));
  }

  signInCitiesOfOffice(office: string | null): Promise<string[]> {
    return this.values(
      `SELECT DISTINCT s.city AS v FROM directory_signins s JOIN directory_users u ON u.id = s.user_id
        WHERE u.office IS NOT DISTINCT FROM $1`,
      [office],
    );
  }

  deviceFamilies(): Promise<string[]> {
    return this.values(`SELECT DISTINCT device AS v FROM directory_signins WHERE device IS NOT NULL`);
  }

  private async values(sql: string, params: unknown[] = []): Promise<string[]> {
    return ((await this.dataSource.query(sql, params)) as { v: string }[]).map((r) => r.v);
  }
}
