/**
 * What the challenge engine knows about the target user and the organisation around them,
 * loaded once per verification. Pools give plausible distractors.
 */
export interface PersonFacts {
  id: string;
  displayName: string;
  department: string | null;
  office: string | null;
  managerId: string | null;
  groups: string[];
}

export interface DirectoryFacts {
  user: PersonFacts;
  manager: PersonFacts | null;
  /** People who could plausibly be the manager: other managers, same department first. */
  managerCandidates: string[];
  departments: string[];
  offices: string[];
  groupNames: string[];
  /** Subjects of meetings the user attended in the last two weeks. */
  attendedMeetings: string[];
  /** Subjects of other meetings in the same period, preferably in the user's department. */
  otherMeetings: string[];
  /** The city of the user's most recent sign-in. */
  lastSigninCity: string | null;
  signinCities: string[];
}
