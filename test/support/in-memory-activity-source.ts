import type {
  DirectoryActivitySource,
  DirectoryMeeting,
  DirectorySignIn,
  OrganizerFilter,
  SignInQuery,
  TimeWindow,
} from '../../core/directory/activity-source';

/** Where people sit: what the source needs to know of the directory to filter by department and office. */
export interface PersonPlace {
  id: string;
  department: string | null;
  office: string | null;
}

/**
 * A complete implementation of the activity-source port over arrays, as a provider API's source
 * would look once it has fetched: what the engine sees depends on nothing but the port.
 */
export class InMemoryActivitySource implements DirectoryActivitySource {
  private readonly places: Map<string, PersonPlace>;

  constructor(
    people: PersonPlace[],
    private readonly meetings: DirectoryMeeting[],
    private readonly signIns: DirectorySignIn[],
  ) {
    this.places = new Map(people.map((p) => [p.id, p]));
  }

  async meetingsOf(userId: string, window: TimeWindow): Promise<DirectoryMeeting[]> {
    return this.meetings.filter((m) => m.attendeeIds.includes(userId) && within(m.startAt, window));
  }

  async meetingSubjectsWithout(userId: string, window: TimeWindow, organizers: OrganizerFilter, limit: number): Promise<string[]> {
    const subjects = this.meetings
      .filter((m) => !m.attendeeIds.includes(userId) && within(m.startAt, window))
      .filter((m) => {
        const organizer = this.places.get(m.organizerId);
        return !!organizer && (organizer.department === organizers.department) === organizers.inDepartment;
      })
      .map((m) => m.subject);
    return [...new Set(subjects)].slice(0, limit);
  }

  async recentSignIns(userId: string, query: SignInQuery): Promise<DirectorySignIn[]> {
    return this.signIns
      .filter((s) => s.userId === userId && (!query.since || s.at >= query.since))
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, query.limit);
  }

  async signInCitiesOfOffice(office: string | null): Promise<string[]> {
    return [...new Set(this.signIns.filter((s) => this.places.get(s.userId)?.office === office).map((s) => s.city))];
  }

  async deviceFamilies(): Promise<string[]> {
    return [...new Set(this.signIns.map((s) => s.device).filter((d): d is string => d !== null))];
  }
}

function within(at: Date, window: TimeWindow): boolean {
  return at >= window.from && at <= window.to;
}
