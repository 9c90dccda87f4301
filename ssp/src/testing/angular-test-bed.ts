/**
 * Import first in a spec that renders a component (under `@jest-environment jsdom`). Components
 * are compiled just in time there, so the compiler must be loaded, and TestBed needs a platform.
 */
import '@angular/compiler';
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

getTestBed().initTestEnvironment(BrowserTestingModule, platformBrowserTesting());
