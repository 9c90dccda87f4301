import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A person in the organisation's directory: the source of challenge questions. */
@Entity('directory_users')
export class DirectoryUserEntity {
  @PrimaryColumn() id: string;
  @Column() email: string;
  @Column({ name: 'display_name' }) displayName: string;
  @Column({ name: 'given_name' }) givenName: string;
  @Column({ name: 'family_name' }) familyName: string;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ type: 'text', nullable: true }) department: string | null;
  @Column({ type: 'text', nullable: true }) office: string | null;
  @Column({ name: 'office_country', type: 'text', nullable: true }) officeCountry: string | null;
  @Column({ name: 'manager_id', type: 'text', nullable: true }) managerId: string | null;
  @Column({ name: 'mobile_phone', type: 'text', nullable: true }) mobilePhone: string | null;
  @Column({ name: 'personal_email', type: 'text', nullable: true }) personalEmail: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) groups: string[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** When a directory sync last saw the user; users a complete sync did not see are deactivated. */
  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true }) lastSyncedAt: Date | null;
}

/** Meeting metadata only (subject, organiser, time, attendees): never content. */
@Entity('directory_meetings')
export class DirectoryMeetingEntity {
  @PrimaryColumn() id: string;
  @Column() subject: string;
  @Column({ name: 'organizer_id' }) organizerId: string;
  @Column({ name: 'start_at', type: 'timestamptz' }) startAt: Date;
  @Column({ name: 'attendee_ids', type: 'text', array: true }) attendeeIds: string[];
}

@Entity('directory_signins')
export class DirectorySigninEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ name: 'user_id' }) userId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column() city: string;
  @Column() country: string;
  @Column({ type: 'text', nullable: true }) device: string | null;
}

/** One directory sync run: progress while it runs, then its report (counts, errors, duration). */
@Entity('directory_syncs')
export class DirectorySyncEntity {
  @PrimaryColumn() id: string;
  @Column() source: string;
  @Column({ type: 'text' }) status: 'running' | 'succeeded' | 'failed';
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'duration_ms', type: 'int', nullable: true }) durationMs: number | null;
  @Column({ name: 'users_seen', type: 'int', default: 0 }) usersSeen: number;
  @Column({ name: 'users_created', type: 'int', default: 0 }) usersCreated: number;
  @Column({ name: 'users_updated', type: 'int', default: 0 }) usersUpdated: number;
  @Column({ name: 'users_deactivated', type: 'int', default: 0 }) usersDeactivated: number;
  @Column({ name: 'groups_seen', type: 'int', default: 0 }) groupsSeen: number;
  @Column({ type: 'jsonb', default: () => "'[]'" }) errors: { id: string; message: string }[];
  @Column({ type: 'text', nullable: true }) error: string | null;
}
