import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateTime } from '../common/date-time';
import { ProblemException } from '../common/problem';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A year and a day: a year-end audit fits in one export; anything longer is several. */
export const MAX_EXPORT_DAYS = 366;

export class ExportQuery {
  @ApiProperty({ description: 'Start, inclusive (ISO 8601, e.g. 2026-11-01 or 2026-11-01T00:00:00Z; a date is UTC midnight)' })
  @IsDateTime()
  from: string;

  @ApiProperty({ description: `End, exclusive; at most ${MAX_EXPORT_DAYS} days after from` })
  @IsDateTime()
  to: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: 'csv, or json: one array, one record per line' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export interface ExportRange {
  from: Date;
  to: Date;
  format: ExportFormat;
}

/** The range the query asks for, or a 400 problem saying how to fix it. */
export function exportRange(query: ExportQuery): ExportRange {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new ProblemException('exportRangeInvalid', 'from and to must be real dates, e.g. from=2026-11-01&to=2026-12-01.');
  }
  if (from >= to) throw new ProblemException('exportRangeInvalid', `from (${query.from}) must be before to (${query.to}).`);
  if (to.getTime() - from.getTime() > MAX_EXPORT_DAYS * 86_400_000) {
    throw new ProblemException('exportRangeInvalid', `An export covers at most ${MAX_EXPORT_DAYS} days; split the range.`);
  }
  return { from, to, format: query.format ?? 'csv' };
}
