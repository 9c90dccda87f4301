import { ApiProperty } from '@nestjs/swagger';

export class DirectorySyncError {
  @ApiProperty({ description: 'The user or group the source could not give' }) id: string;
  @ApiProperty() message: string;
}

/** One directory sync run's report (progress while it runs). */
export class DirectorySyncView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Where the directory came from, e.g. scim or file' }) source: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) status: 'running' | 'succeeded' | 'failed';
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMs: number | null;
  @ApiProperty() usersSeen: number;
  @ApiProperty() usersCreated: number;
  @ApiProperty() usersUpdated: number;
  @ApiProperty() usersDeactivated: number;
  @ApiProperty() groupsSeen: number;
  @ApiProperty({ type: [DirectorySyncError], description: 'Records skipped, the run went on' }) errors: DirectorySyncError[];
  @ApiProperty({ nullable: true, type: String, description: 'Why the run failed as a whole' }) error: string | null;
}

export class DirectorySyncList {
  @ApiProperty({ type: [DirectorySyncView] }) items: DirectorySyncView[];
}

export class DirectorySyncStarted {
  @ApiProperty({ description: 'The sync’s workflow id' }) id: string;
}
