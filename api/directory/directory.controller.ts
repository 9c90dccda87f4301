import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { maskDestination } from '../../core/security/mask';
import { Roles } from '../auth/roles.decorator';
import { DirectoryUserEntity } from '../../core/database/entities';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('users')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: DirectoryUserList })
  async search(@Query() query: DirectoryQuery): Promise<DirectoryUserList> {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const users = await this.dataSource
      .getRepository(DirectoryUserEntity)
      .createQueryBuilder('u')
      .where('u.active AND (u.display_name ILIKE :p OR u.email ILIKE :p)', { p: pattern })
      .orderBy('u.display_name')
      .take(query.limit ?? 10)
      .getMany();
    return {
      items: users.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.displayName,
        title: u.title,
        department: u.department,
        office: u.office,
        mobilePhoneMasked: u.mobilePhone ? maskDestination('sms', u.mobilePhone) : null,
        personalEmailMasked: u.personalEmail ? maskDestination('email', u.personalEmail) : null,
      })),
    };
  }
}
