import { ApiProperty } from '@nestjs/swagger';

/** Verifications per outcome. */
export class OutcomeCounts {
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty() timed_out: number;
  @ApiProperty() not_enough_questions: number;
  @ApiProperty() needs_referee: number;
  @ApiProperty() cancelled: number;
}

/** Shares (0–1) of completed verifications; cancelled ones are left out: nobody was tested. */
export class OutcomeRates {
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty() timed_out: number;
  @ApiProperty() not_enough_questions: number;
  @ApiProperty() needs_referee: number;
}

export class DayCounts extends OutcomeCounts {
  @ApiProperty({ format: 'date', description: 'UTC day, YYYY-MM-DD' }) date: string;
}

export class RiskBucket {
  @ApiProperty({ description: 'Risk score rounded, 0–10' }) score: number;
  @ApiProperty() count: number;
}

/** The dashboard's figures for a date range (verification-stats.ts). */
export class VerificationStatsView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Without an outcome yet' }) open: number;
  @ApiProperty({ type: OutcomeCounts }) byOutcome: OutcomeCounts;
  @ApiProperty({ type: OutcomeRates }) rates: OutcomeRates;
  @ApiProperty({ nullable: true, type: Number }) medianSecondsToComplete: number | null;
  @ApiProperty({ type: [DayCounts], description: 'Days with an outcome only' }) perDay: DayCounts[];
  @ApiProperty({ type: [RiskBucket], description: 'Always 11 buckets, scores 0 to 10' }) riskHistogram: RiskBucket[];
}
