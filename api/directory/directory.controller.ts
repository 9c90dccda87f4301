import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { DirectoryService } from './directory.service';
import { DirectoryUserList } from './dto/directory-user.view.dto';

class DirectoryQuery {
  @ApiPropertyOptional({ description: 'Name or email, or the start of either' }) @IsString() @Length(1, 200) q: string;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

/** The console's typeahead. Destinations on file are masked: the agent recognises, never reads out. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('users')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: DirectoryUserList })
  search(@Query() query: DirectoryQuery): Promise<DirectoryUserList> {
    return this.directory.search(query.q, query.limit ?? 10);
  }
}
