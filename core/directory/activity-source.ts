/**
 * Where meeting and sign-in metadata come from. The challenge engine and the risk score read them
 * only through this port: by default from the directory tables (the file import and the dev seed,
 * `TableActivitySource`); a Microsoft Graph or Google Workspace source can take its place through
 * `createVerificationActivities({ activitySource })`. docs/directory.md maps their fields.
 *
 * People are named by directory user id throughout: a source resolves its own identifiers
 * (email addresses, object ids) to `directory_users.id` and drops people the directory lacks.
 */
export interface DirectoryActivitySource {
  /** Meetings the user was invited to that start within the window. */
  meetingsOf(userId: string, window: TimeWindow): Promise<DirectoryMeeting[]>;
  /**
   * Up to `limit` distinct subjects of meetings starting within the window that the user was not
   * invited to, organised by people of `organizers.department` (or, with `inDepartment` false, by
   * anyone else): the plausible wrong answers to the meeting question.
   */
  meetingSubjectsWithout(userId: string, window: TimeWindow, organizers: OrganizerFilter, limit: number): Promise<string[]>;
  /** The user's sign-ins, newest first: since a moment, or the latest `limit`, or both. */
  recentSignIns(userId: string, query: SignInQuery): Promise<DirectorySignIn[]>;
  /** Distinct cities that people based in `office` sign in from: the plausible wrong answers to the sign-in question. */
  signInCitiesOfOffice(office: string | null): Promise<string[]>;
  /** Distinct device families seen signing in anywhere in the organisation. */
  deviceFamilies(): Promise<string[]>;
}

/** Metadata only: who, what about, when. Never a body, a location or a link. */
export interface DirectoryMeeting {
  id: string;
  subject: string;
  organizerId: string;
  startAt: Date;
  /** Directory user ids of everyone invited, the organiser included. */
  attendeeIds: string[];
}

export interface DirectorySignIn {
  userId: string;
  at: Date;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Device family as `deviceFamily()` names it ("iOS · Safari"), when known. */
  device: string | null;
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface OrganizerFilter {
  /** The department compared with (null: people with no department). */
  department: string | null;
  inDepartment: boolean;
}

export interface SignInQuery {
  since?: Date;
  limit?: number;
}
