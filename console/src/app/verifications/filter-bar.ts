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
import { filtersToForm, formToFilters } from './filter-form';
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
    this.form.setValue(filtersToForm(this.filters(), this.me()), { emitEvent: false });
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
    this.changed.emit(formToFilters(this.form.getRawValue(), this.me()));
  }
}
