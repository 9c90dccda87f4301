import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DirectorySyncController } from './directory-sync.controller';
import { DirectorySyncService } from './directory-sync.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';

/** The directory as the API shows it: the typeahead, and the sync reports with a sync on demand. */
@Module({
  imports: [AuditModule],
  controllers: [DirectoryController, DirectorySyncController],
  providers: [DirectoryService, DirectorySyncService],
})
export class DirectoryModule {}
