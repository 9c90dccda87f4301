/** What the notice workflows ask of the outside world; activities/notices/ implements it. */
export interface NoticeActivities {
  /**
   * Tells the user on every address on file (work email, personal email, mobile) that a recovery
   * passkey was added to their account, with what to do if it was not them. Once per address.
   */
  sendPasskeyNotice(input: PasskeyNoticeInput): Promise<{ sentTo: number }>;
}

export interface PasskeyNoticeInput {
  passkeyId: string;
  userId: string;
  /** The verification whose pass allowed the enrolment. */
  verificationId: string;
  /** When it was added, ISO 8601. */
  addedAt: string;
}
