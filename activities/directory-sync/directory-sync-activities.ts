import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { ScimConfig } from '../../api/config/integrations-config';
import { DirectorySyncEntity } from '../../api/database/entities';
import { ScimClient, ScimError } from './scim-client';
import { syncFromScim } from './sync-from-scim';

export interface DirectorySyncSummary {
  syncId: string;
  status: 'succeeded';
  usersSeen: number;
  usersCreated: number;
  usersUpdated: number;
  usersDeactivated: number;
  errorCount: number;
}

/** The directory sync activity: runs a SCIM pass and keeps its report row current (progress, then counts). */
export function createDirectorySyncActivities({ dataSource, scim }: { dataSource: DataSource; scim?: ScimConfig }) {
  return {
    async syncDirectory({ syncId }: { syncId: string }): Promise<DirectorySyncSummary> {
      if (!scim) throw ApplicationFailure.nonRetryable('SCIM is not configured: set SCIM_URL and SCIM_TOKEN', 'DirectoryNotConfigured');
      const reports = dataSource.getRepository(DirectorySyncEntity);
      const startedAt = new Date();
      // A retried attempt starts the report over: it is a new pass.
      await reports.upsert(
        {
          id: syncId,
          source: 'scim',
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
      const client = new ScimClient(scim.baseUrl, scim.token, scim.pageSize);
      try {
        const counts = await syncFromScim(dataSource, client, {
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
        if (err instanceof ScimError && err.permanent) throw ApplicationFailure.nonRetryable(message, 'DirectorySyncRefused');
        throw err;
      }
    },
  };
}

export type DirectorySyncActivities = ReturnType<typeof createDirectorySyncActivities>;
