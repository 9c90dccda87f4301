import { ApiProperty } from '@nestjs/swagger';

const GRADES = ['correct', 'partial', 'incorrect', 'skipped'] as const;

/** One question asked, the user's answer as labels, and its grade (never the answer key). */
export class TranscriptItemView {
  @ApiProperty({ description: 'From 1' }) position: number;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: ['single', 'multi', 'text'] }) type: 'single' | 'multi' | 'text';
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) options: string[];
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }],
    description: 'A label, the labels chosen, or the text typed; null when unanswered',
  })
  answer: string | string[] | null;
  @ApiProperty({ enum: GRADES, nullable: true }) grade: (typeof GRADES)[number] | null;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: Number }) elapsedMs: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) pasted: boolean | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt: string | null;
}

export class TranscriptView {
  @ApiProperty({ format: 'uuid' }) verificationId: string;
  @ApiProperty({ type: [TranscriptItemView] }) items: TranscriptItemView[];
}
