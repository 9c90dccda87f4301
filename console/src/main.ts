import { bootstrapApplication } from '@angular/platform-browser';
import { ConsoleApp } from './app/console-app';

bootstrapApplication(ConsoleApp).catch((err: unknown) => console.error(err));
