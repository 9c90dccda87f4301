import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, input, OnInit, output, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime } from 'rxjs';
import type { VerificationStatus } from '../api/views';
import { STATUS } from '../shared/labels';
import { NO_FILTERS, type VerificationFilters } from './verification-filters';

/** Search and filters above the list. Typing settles for a moment before the list reloads. */
@Component({
  selector: 'rg-filter-bar',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule],
  templateUrl: './filter-bar.html',
  styleUrl: './filter-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'focusSearchOnSlash($event)' },
})
export class FilterBar implements OnInit {
  readonly filters = input.required<VerificationFilters>();
  /** The signed-in person's principal id, for "only links I sent". */
  readonly me = input.required<string>();
  readonly changed = output<VerificationFilters>();

  protected readonly statuses = Object.entries(STATUS).map(([value, info]) => ({ value: value as VerificationStatus, label: info.label }));
  private readonly search = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private readonly destroyRef = inject(DestroyRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    q: [''],
    status: ['' as VerificationStatus | ''],
    minRisk: [null as number | null],
    maxRisk: [null as number | null],
    mine: [false],
    referrer: [''],
    from: [''],
    to: [''],
  });

  ngOnInit(): void {
    const f = this.filters();
    const mine = !!f.referrer && f.referrer === this.me();
    this.form.setValue({ ...f, mine, referrer: mine ? '' : f.referrer }, { emitEvent: false });
    const subscription = this.form.valueChanges.pipe(debounceTime(300)).subscribe(() => this.emit());
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  protected clear(): void {
    this.form.setValue({ ...NO_FILTERS, mine: false });
  }

  /** "/" jumps to the search box from anywhere on the page, as in most consoles. */
  protected focusSearchOnSlash(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable], mat-select, .cdk-overlay-container')) return;
    event.preventDefault();
    this.search().nativeElement.focus();
  }

  private emit(): void {
    if (this.form.invalid) return;
    const { mine, referrer, minRisk, maxRisk, ...rest } = this.form.getRawValue();
    this.changed.emit({ ...rest, minRisk: riskOrNull(minRisk), maxRisk: riskOrNull(maxRisk), referrer: mine ? this.me() : referrer });
  }
}

function riskOrNull(value: number | string | null): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(10, Math.max(0, n)) : null;
}
