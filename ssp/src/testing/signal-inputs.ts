import { Input, type Type } from '@angular/core';

/**
 * Angular's build finds `input()` fields by reading the source; the just-in-time compiler TestBed
 * uses under jest reads decorators only, so it sees no inputs and `setInput` fails. This adds the
 * decorator the Angular CLI's own JIT transform adds to each signal input. Call it before the
 * component is first created, and name every input the spec sets.
 */
export function declareSignalInputs(component: Type<unknown>, inputs: Record<string, { required: boolean }>): void {
  for (const [name, { required }] of Object.entries(inputs)) {
    Input({ isSignal: true, alias: name, required } as Input)(component.prototype, name);
  }
}
