/** What the directory sync workflow asks for; activities/directory-sync/ implements it. */

export interface DirectorySyncSummary {
  syncId: string;
  status: 'succeeded';
  usersSeen: number;
  usersCreated: number;
  usersUpdated: number;
  usersDeactivated: number;
  errorCount: number;
}

export interface DirectorySyncActivities {
  /** One pass over the configured connector; the report row is keyed by `syncId`. */
  syncDirectory(input: { syncId: string }): Promise<DirectorySyncSummary>;
}
