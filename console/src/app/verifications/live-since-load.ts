import type { VerificationView } from '../api/views';

/**
 * Live updates that arrived while a load was on its way. The server sends each change after it
 * commits, in order, reading the row afresh each time, so where a load's answer and such an
 * update disagree the update wins: the load may have read the row before the change. (Were the
 * load newer, the event for that newer change is already on its way and will win in turn.)
 */
export class LiveSinceLoad {
  private readonly views = new Map<string, VerificationView>();

  /** A load begins: what arrived before it is in its answer. */
  reset(): void {
    this.views.clear();
  }

  record(view: VerificationView): void {
    this.views.set(view.id, view);
  }

  /** The loaded view, or the live one that arrived while it loaded. */
  latest(loaded: VerificationView): VerificationView {
    return this.views.get(loaded.id) ?? loaded;
  }

  /** Live views of verifications the load did not include: created while it ran. */
  missingFrom(loaded: readonly VerificationView[]): VerificationView[] {
    const ids = new Set(loaded.map((v) => v.id));
    return [...this.views.values()].filter((v) => !ids.has(v.id)).reverse(); // newest first
  }
}
