import type { Routes } from '@angular/router';
import { forRoles, PAGE_ROLES } from './auth/roles';

/** Every page is its own lazy chunk: the first paint carries only the shell and the sign-in screen. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'verifications' },
  {
    path: 'verifications',
    title: 'Verifications · ResetGate',
    canMatch: [forRoles(PAGE_ROLES.verifications)],
    loadComponent: () => import('./verifications/verifications-page').then((m) => m.VerificationsPage),
  },
  {
    path: 'verifications/:id',
    title: 'Verification · ResetGate',
    canMatch: [forRoles(PAGE_ROLES.verifications)],
    loadComponent: () => import('./verification-panel/verification-panel').then((m) => m.VerificationPanel),
  },
  {
    path: 'dashboard',
    title: 'Dashboard · ResetGate',
    canMatch: [forRoles(PAGE_ROLES.dashboard)],
    loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  {
    path: 'audit',
    title: 'Audit log · ResetGate',
    canMatch: [forRoles(PAGE_ROLES.audit)],
    loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage),
  },
  {
    path: 'settings',
    title: 'Settings · ResetGate',
    canMatch: [forRoles(PAGE_ROLES.settings)],
    loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage),
  },
  { path: '**', title: 'Not available · ResetGate', loadComponent: () => import('./shared/not-available').then((m) => m.NotAvailable) },
];
