import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SignInScreen } from './auth/sign-in-screen';
import { PAGE_ROLES } from './auth/roles';
import { Session } from './auth/session';

const NAV = [
  { path: '/verifications', label: 'Verifications', roles: PAGE_ROLES.verifications },
  { path: '/dashboard', label: 'Dashboard', roles: PAGE_ROLES.dashboard },
  { path: '/audit', label: 'Audit log', roles: PAGE_ROLES.audit },
  { path: '/settings', label: 'Settings', roles: PAGE_ROLES.settings },
];

/**
 * The console's frame: who is signed in, the pages their roles open, and the page itself. Plain
 * HTML and CSS where Material adds nothing, to keep the first download small.
 */
@Component({
  selector: 'rg-console',
  imports: [MatButtonModule, RouterOutlet, RouterLink, RouterLinkActive, SignInScreen],
  templateUrl: './console-app.html',
  styleUrl: './console-app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsoleApp {
  protected readonly session = inject(Session);
  protected readonly nav = computed(() => NAV.filter((item) => this.session.hasAnyRole(item.roles)));
  private readonly main = viewChild<ElementRef<HTMLElement>>('main');

  constructor() {
    void this.session.ready();
    // After each navigation, focus the new page's heading so screen readers announce where they are.
    const router = inject(Router);
    let first = true;
    const subscription = router.events.subscribe((event) => {
      if (!(event instanceof NavigationEnd)) return;
      if (first) return void (first = false);
      setTimeout(() => this.focusHeading(), 0);
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected skipToContent(): void {
    this.focusHeading();
  }

  protected reload(): void {
    location.reload();
  }

  private focusHeading(): void {
    const main = this.main()?.nativeElement;
    const target = main?.querySelector<HTMLElement>('h1') ?? main;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: false });
  }
}
