import type { Provider } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';

/**
 * Outlined fields keep their labels visible at the compact densities the filters use. Provided
 * by each lazy page and dialog, not at the root, so the first paint does not carry form-field code.
 */
export const OUTLINED_FIELDS: Provider = { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } };
