import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { ConsoleApp } from './app/console-app';

bootstrapApplication(ConsoleApp, appConfig).catch((err: unknown) => console.error(err));
