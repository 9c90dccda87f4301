import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DirectoryUserEntity } from '../../core/database/entities';
import { maskDestination } from '../../core/security/mask';
import type { DirectoryUserList } from './dto/directory-user.view.dto';

/** The console's typeahead. Destinations on file are masked: the agent recognises, never reads out. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Active people whose name or email contains `q`, by name. */
  async search(q: string, limit: number): Promise<DirectoryUserList> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const users = await this.dataSource
      .getRepository(DirectoryUserEntity)
      .createQueryBuilder('u')
      .where('u.active AND (u.display_name ILIKE :p OR u.email ILIKE :p)', { p: pattern })
      .orderBy('u.display_name')
      .take(limit)
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
