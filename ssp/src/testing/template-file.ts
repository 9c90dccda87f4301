import { type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { readFileSync } from 'node:fs';

/**
 * Gives a component its own template file inline. The build inlines `templateUrl`; under jest the
 * just-in-time compiler would fetch it, and there is nothing to fetch from. The template is the
 * real file, so the spec exercises what ships.
 */
export function inlineTemplateFile(component: Type<unknown>, path: string): void {
  TestBed.overrideComponent(component, { set: { template: readFileSync(path, 'utf8'), templateUrl: undefined } });
}
