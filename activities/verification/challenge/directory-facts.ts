/**
 * What the challenge engine knows about the target user and the organisation around them,
 * loaded once per verification. The pools give distractors that look like the real answer.
 */
export interface PersonFacts {
  id: string;
  displayName: string;
  department: string | null;
  office: string | null;
  managerId: string | null;
  groups: string[];
}

export interface MeetingFacts {
  subject: string;
  startAt: Date;
  /** Display names of the other people invited: never the user. */
  attendees: string[];
}

export interface DirectoryFacts {
  user: PersonFacts;
  manager: PersonFacts | null;
  /** Other managers in the user's department, then elsewhere: who could plausibly be the manager. */
  departmentManagers: string[];
  otherManagers: string[];
  departments: string[];
  offices: string[];
  /** Groups held in the user's department, most common first: distractors an impostor cannot rule out. */
  departmentGroups: string[];
  groupNames: string[];
  /** Groups almost everyone holds (all-staff): asking about them proves nothing. */
  ubiquitousGroups: string[];
  /** Meetings the user was invited to in the last two weeks. */
  attendedMeetings: MeetingFacts[];
  /** Subjects of meetings in the same period the user was never invited to: in the department, then elsewhere. */
  departmentMeetingSubjects: string[];
  otherMeetingSubjects: string[];
  /** Cities the user signed in from recently. */
  signinCities: string[];
  /** Cities colleagues of the same office sign in from: the plausible alternatives. */
  officeAreaCities: string[];
  /** Device families ("iOS · Safari") the user signed in with recently, and all those seen in the directory. */
  signinDevices: string[];
  deviceFamilies: string[];
}
