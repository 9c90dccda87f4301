import { bootstrapApplication } from '@angular/platform-browser';
import { SspApp } from './app/ssp-app';

bootstrapApplication(SspApp).catch((err: unknown) => console.error(err));
