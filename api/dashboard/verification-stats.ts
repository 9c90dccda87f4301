import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OUTCOMES, type Outcome } from '../../workflows/verification/model';
import { ProblemException } from '../common/problem';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;
/** Outcomes that tested the caller: a cancelled verification tested nobody. */
type Completed = Exclude<Outcome, 'cancelled'>;
const COMPLETED = OUTCOMES.filter((o): o is Completed => o !== 'cancelled');

export interface VerificationStats {
  from: string;
  to: string;
  total: number;
  open: number;
  byOutcome: Record<(typeof OUTCOMES)[number], number>;
  /** Shares of completed verifications (cancelled ones excluded: nobody was tested). */
  rates: Record<Completed, number>;
  medianSecondsToComplete: number | null;
  perDay: ({ date: string } & Record<(typeof OUTCOMES)[number], number>)[];
  riskHistogram: { score: number; count: number }[];
}

@Injectable()
export class VerificationStatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The dashboard's figures for a date range, computed by PostgreSQL (nothing loaded row by row). */
  async forRange(range: { from?: string; to?: string }): Promise<VerificationStats> {
    const to = range.to ? new Date(range.to) : new Date();
    const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new ProblemException('validation', '`from` must be before `to`.');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new ProblemException('validation', `The range can be at most ${MAX_RANGE_DAYS} days.`);
    }
    const params = [from, to];
    const where = `created_at >= $1 AND created_at < $2`;

    const [totals] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE outcome IS NULL)::int AS open,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at))
                FILTER (WHERE completed_at IS NOT NULL AND outcome <> 'cancelled') AS median
         FROM verifications WHERE ${where}`,
      params,
    );
    const byOutcomeRows: { outcome: string; count: number }[] = await this.dataSource.query(
      `SELECT outcome, count(*)::int AS count FROM verifications WHERE ${where} AND outcome IS NOT NULL GROUP BY outcome`,
      params,
    );
    const dayRows: { date: string; outcome: string; count: number }[] = await this.dataSource.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, outcome, count(*)::int AS count
         FROM verifications WHERE ${where} AND outcome IS NOT NULL GROUP BY 1, 2 ORDER BY 1`,
      params,
    );
    const riskRows: { score: number; count: number }[] = await this.dataSource.query(
      `SELECT round(risk_score)::int AS score, count(*)::int AS count
         FROM verifications WHERE ${where} AND risk_score IS NOT NULL GROUP BY 1 ORDER BY 1`,
      params,
    );

    const byOutcome = Object.fromEntries(
      OUTCOMES.map((o) => [o, byOutcomeRows.find((r) => r.outcome === o)?.count ?? 0]),
    ) as VerificationStats['byOutcome'];
    const completed = COMPLETED.reduce((sum, o) => sum + byOutcome[o], 0);
    const rates = Object.fromEntries(COMPLETED.map((o) => [o, completed ? byOutcome[o] / completed : 0])) as VerificationStats['rates'];
    const days = new Map<string, VerificationStats['perDay'][number]>();
    for (const row of dayRows) {
      const day = days.get(row.date) ?? { date: row.date, ...Object.fromEntries(OUTCOMES.map((o) => [o, 0])) };
      if ((OUTCOMES as readonly string[]).includes(row.outcome)) (day as Record<string, number | string>)[row.outcome] = row.count;
      days.set(row.date, day as VerificationStats['perDay'][number]);
    }
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      total: totals.total,
      open: totals.open,
      byOutcome,
      rates,
      medianSecondsToComplete: totals.median === null ? null : Math.round(Number(totals.median)),
      perDay: [...days.values()],
      riskHistogram: Array.from({ length: 11 }, (_, score) => ({ score, count: riskRows.find((r) => r.score === score)?.count ?? 0 })),
    };
  }
}
