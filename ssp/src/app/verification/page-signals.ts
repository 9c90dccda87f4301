import { Injectable } from '@angular/core';
import type { ClientSignals } from '../api/ssp-client';

interface UserAgentData {
  platform?: string;
  mobile?: boolean;
}

/**
 * The silent layer: what the page observes without asking. Nothing here identifies the person;
 * it helps tell their own browser from an impostor's or a bot.
 */
@Injectable({ providedIn: 'root' })
export class PageSignals {
  private pasteCount = 0;
  private focusLossCount = 0;

  constructor() {
    document.addEventListener('paste', () => this.pasteCount++, { capture: true });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.focusLossCount++;
    });
  }

  snapshot(): ClientSignals {
    const hints = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
    return {
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      languages: [...navigator.languages].slice(0, 10),
      screen: `${screen.width}x${screen.height}@${window.devicePixelRatio}`,
      webdriver: navigator.webdriver === true,
      pasteCount: this.pasteCount,
      focusLossCount: this.focusLossCount,
      ...(hints?.platform ? { platform: hints.platform, mobile: hints.mobile === true } : {}),
    };
  }
}
