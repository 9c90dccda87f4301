/**
 * The directory import format (`resetgate-directory/v1`): the dev seed and the CSV/JSON import
 * for organisations without SCIM use the same shape.
 */
export interface DirectoryFile {
  format: 'resetgate-directory/v1';
  generatedAt: string;
  users: DirectoryFileUser[];
  meetings: { id: string; subject: string; organizerId: string; startAt: string; attendeeIds: string[] }[];
  /** Recent sign-ins: when, from where, and the device family (for example "iOS · Safari"). */
  signins: { userId: string; at: string; city: string; country: string; device: string | null }[];
}

export interface DirectoryFileUser {
  id: string;
  email: string;
  displayName: string;
  givenName: string;
  familyName: string;
  title: string | null;
  department: string | null;
  office: string | null;
  officeCountry: string | null;
  managerId: string | null;
  mobilePhone: string | null;
  personalEmail: string | null;
  groups: string[];
}
