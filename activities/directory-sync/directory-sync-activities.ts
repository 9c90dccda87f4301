import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { DirectorySourceConfig } from '../../core/config/integrations-config';
import { DirectorySyncEntity } from '../../core/database/entities';
import { type DirectoryConnector, DirectorySourceError } from './directory-connector';
import { FileConnector } from './file-connector';
import { ScimClient } from './scim-client';
import { ScimConnector } from './scim-connector';
import { syncDirectory } from './sync-directory';
import type { DirectorySyncActivities, DirectorySyncSummary } from '../../workflows/directory-sync/activities';

/** The configured connector: SCIM from the IdP, or a file in the import format. */
export function directoryConnector(source: DirectorySourceConfig): DirectoryConnector {
  return source.kind === 'scim'
    ? new ScimConnector(new ScimClient(source.baseUrl, source.token, source.pageSize))
    : new FileConnector(source.path);
}

/** The directory sync activity: runs a pass over the configured connector and keeps its report row current (progress, then counts). */
export function createDirectorySyncActivities({
  dataSource,
  source,
}: {
  dataSource: DataSource;
  source?: DirectorySourceConfig;
}): DirectorySyncActivities {
  return {
    async syncDirectory({ syncId }: { syncId: string }): Promise<DirectorySyncSummary> {
      if (!source) {
        throw ApplicationFailure.nonRetryable(
          'No directory source: set SCIM_URL and SCIM_TOKEN, or RESETGATE_DIRECTORY_FILE',
          'DirectoryNotConfigured',
        );
      }
      const connector = directoryConnector(source);
      const reports = dataSource.getRepository(DirectorySyncEntity);
      const startedAt = new Date();
      // A retried attempt starts the report over: it is a new pass.
      await reports.upsert(
        {
          id: syncId,
          source: connector.source,
          status: 'running',
          startedAt,
          finishedAt: null,
          durationMs: null,
          usersSeen: 0,
          usersCreated: 0,
          usersUpdated: 0,
          usersDeactivated: 0,
          groupsSeen: 0,
          errors: [],
          error: null,
        },
        ['id'],
      );
      try {
        const counts = await syncDirectory(dataSource, connector, {
          startedAt,
          onProgress: async ({ errors: _errors, ...progress }) => {
            Context.current().heartbeat(progress);
            await reports.update(syncId, progress);
          },
        });
        const finishedAt = new Date();
        await reports.update(syncId, {
          ...counts,
          status: 'succeeded',
          finishedAt,
          durationMs: finishedAt.getTime() - startedAt.getTime(),
        });
        const { errors, groupsSeen: _groups, ...summary } = counts;
        return { syncId, status: 'succeeded', ...summary, errorCount: errors.length };
      } catch (err) {
        const finishedAt = new Date();
        const message = (err as Error).message;
        await reports.update(syncId, {
          status: 'failed',
          finishedAt,
          durationMs: finishedAt.getTime() - startedAt.getTime(),
          error: message,
        });
        if (err instanceof DirectorySourceError && err.permanent) throw ApplicationFailure.nonRetryable(message, 'DirectorySyncRefused');
        throw err;
      }
    },
  };
}
