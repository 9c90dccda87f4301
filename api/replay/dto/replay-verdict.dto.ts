import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One decision the history proves (replay/decision-timeline.ts). */
export class TimelineEntryView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() event: string;
  @ApiProperty() detail: string;
}

export class ReplayVerdictView {
  @ApiProperty() workflowId: string;
  @ApiProperty({ description: 'Whether the history replays on the current workflow code' }) deterministic: boolean;
  @ApiPropertyOptional({ description: 'Why replay failed: present only when it did' }) error?: string;
  @ApiProperty({ type: [TimelineEntryView] }) timeline: TimelineEntryView[];
}
