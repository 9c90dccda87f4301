/**
 * @jest-environment jsdom
 */
import { PageSignals } from './page-signals';

/** Sets a read-only browser property for one spec; put back after it. */
const overridden: { target: object; key: string; own?: PropertyDescriptor }[] = [];
function override(target: object, key: string, value: unknown): void {
  overridden.push({ target, key, own: Object.getOwnPropertyDescriptor(target, key) });
  Object.defineProperty(target, key, { value, configurable: true });
}

afterEach(() => {
  for (const { target, key, own } of overridden.splice(0).reverse()) {
    if (own) Object.defineProperty(target, key, own);
    else delete (target as Record<string, unknown>)[key];
  }
});

function setVisibility(state: DocumentVisibilityState): void {
  override(document, 'visibilityState', state);
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('PageSignals', () => {
  it('counts pastes anywhere on the page, even where the field stops the event', () => {
    const signals = new PageSignals();
    const input = document.body.appendChild(document.createElement('input'));
    input.addEventListener('paste', (event) => event.stopPropagation());
    input.dispatchEvent(new Event('paste', { bubbles: true }));
    input.dispatchEvent(new Event('paste', { bubbles: true }));
    expect(signals.snapshot().pasteCount).toBe(2);
    input.remove();
  });

  it('counts each time the page is hidden (switching tab or app), not when it comes back', () => {
    const signals = new PageSignals();
    setVisibility('hidden');
    setVisibility('visible');
    setVisibility('hidden');
    expect(signals.snapshot().focusLossCount).toBe(2);
  });

  it('starts counting from nothing', () => {
    expect(new PageSignals().snapshot()).toMatchObject({ pasteCount: 0, focusLossCount: 0 });
  });

  it('reports the time zone, languages, screen and automation flag', () => {
    override(navigator, 'languages', ['en-GB', 'en']);
    override(screen, 'width', 390);
    override(screen, 'height', 844);
    override(window, 'devicePixelRatio', 3);
    override(navigator, 'webdriver', true);
    expect(new PageSignals().snapshot()).toEqual({
      timezone: 'Europe/London',
      languages: ['en-GB', 'en'],
      screen: '390x844@3',
      webdriver: true,
      pasteCount: 0,
      focusLossCount: 0,
    });
  });

  it('sends at most ten languages', () => {
    override(
      navigator,
      'languages',
      Array.from({ length: 14 }, (_, i) => `x-${i}`),
    );
    expect(new PageSignals().snapshot().languages).toHaveLength(10);
  });

  it('reads automation as false unless the browser says true', () => {
    override(navigator, 'webdriver', undefined);
    expect(new PageSignals().snapshot().webdriver).toBe(false);
  });

  it('adds the platform hints where the browser gives them', () => {
    override(navigator, 'userAgentData', { platform: 'Android', mobile: true });
    expect(new PageSignals().snapshot()).toMatchObject({ platform: 'Android', mobile: true });
    override(navigator, 'userAgentData', { platform: 'macOS' });
    expect(new PageSignals().snapshot()).toMatchObject({ platform: 'macOS', mobile: false });
  });

  it('leaves the platform out where the browser gives no hints', () => {
    override(navigator, 'userAgentData', { platform: '' });
    expect(new PageSignals().snapshot()).not.toHaveProperty('platform');
    expect(new PageSignals().snapshot()).not.toHaveProperty('mobile');
  });
});
