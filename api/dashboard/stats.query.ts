import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateTime } from '../common/date-time';

export class StatsQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start (inclusive); default 30 days before `to`' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End (exclusive); default now' })
  @IsOptional()
  @IsDateTime()
  to?: string;
}
