import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { DirectorySource, DirectorySync } from '../api/views';
import { duration } from '../shared/clock';
import { LocalTime } from '../shared/local-time';

/** How often the list is read again while a sync runs: its counts grow as pages arrive. */
const PROGRESS_MS = 2000;
const SHOWN = 5;

const STATUS: Record<DirectorySync['status'], string> = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };

/** Where the directory comes from, the last sync reports (live while one runs), and a sync on demand. */
@Component({
  selector: 'rg-directory-syncs',
  imports: [MatButtonModule, LocalTime],
  templateUrl: './directory-syncs.html',
  styleUrl: './directory-syncs.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DirectorySyncs {
  /** Undefined while the settings load; null when no connector is configured. */
  readonly source = input<DirectorySource | null>();

  private readonly api = inject(ConsoleApi);
  protected readonly status = STATUS;
  protected readonly duration = duration;
  protected readonly syncs = resource({
    loader: ({ abortSignal }) =>
      this.api
        .data<{ items: DirectorySync[] }>(
          this.api.client.GET('/api/v1/directory/syncs', { params: { query: { limit: SHOWN } }, signal: abortSignal }),
        )
        .then((r) => r.items),
  });
  protected readonly running = computed(() => this.syncs.hasValue() && this.syncs.value().some((s) => s.status === 'running'));
  protected readonly loadError = computed(() => (this.syncs.status() === 'error' ? describeError(this.syncs.error()) : ''));
  protected readonly starting = signal(false);
  protected readonly startError = signal('');
  /** Set from pressing Sync now until its report shows in the list. */
  private readonly awaited = signal<string | null>(null);
  protected readonly waiting = computed(() => {
    const id = this.awaited();
    return id !== null && !(this.syncs.hasValue() && this.syncs.value().some((s) => s.id === id && s.status !== 'running'));
  });

  constructor() {
    // Read again every few seconds while a sync runs or one just asked for has not reported yet.
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      if ((this.running() || this.waiting()) && !this.syncs.isLoading()) timer = setTimeout(() => this.syncs.reload(), PROGRESS_MS);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected took(ms: number | null): string {
    if (ms === null) return '—';
    return ms < 1000 ? `${ms} ms` : duration(ms / 1000);
  }

  protected async syncNow(): Promise<void> {
    this.starting.set(true);
    this.startError.set('');
    try {
      const { id } = await this.api.data<{ id: string }>(this.api.client.POST('/api/v1/directory/syncs'));
      this.awaited.set(id);
      this.syncs.reload();
    } catch (err) {
      this.startError.set(describeError(err));
    } finally {
      this.starting.set(false);
    }
  }
}
