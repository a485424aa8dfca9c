// Colours come from the VS Code theme (--vscode-* variables on the webview's body) and are
// re-read when the theme changes (VS Code swaps the body's class: vscode-light / -dark / -high-contrast).
import { COLOR_DATA, COLOR_MUTED, COLOR_TARGET } from '../src/shared/protocol';

export interface Theme {
  readonly foreground: string;
  readonly muted: string;
  readonly background: string;
  readonly grid: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** Colours for palette slots 1…; slot i uses series[(i - 1) % length]. */
  readonly series: readonly string[];
  readonly target: string;
  /**
   * A High Contrast theme (dark or light): colours there sit on pure black or white with no
   * half-tones between, so a 16%-alpha band vanishes and a grey tick label reads as decoration.
   */
  readonly highContrast?: boolean;
}

const SERIES_VARS = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-terminal-ansiCyan', '#29b8db'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
  // four more (no theme variable: fixed mid tones legible on light and dark), so up to 12
  // estimators — every curve law and auto's average — never share a colour (auto was M1's)
  ['--scaling-lens-series-9', '#17a589'],
  ['--scaling-lens-series-10', '#e377c2'],
  ['--scaling-lens-series-11', '#a0785a'],
  ['--scaling-lens-series-12', '#9aa31c'],
] as const;

/**
 * Light themes' own colours for the slots whose light defaults fail as lines on a white chart:
 * VS Code's charts-orange there (#d18616) is the minimap's find-match colour, 2.9:1 on white and a
 * CIEDE2000 ΔE of 6 from charts-yellow (#bf8803), so M2 and BNSL-0 read as one colour; the fixed
 * pink and olive were 2.7:1. These are 3.3:1 or more on white and, with the theme's other slots,
 * no two within ΔE 15 (test/unit/webview/palette.test.ts). Dark themes keep theirs.
 */
const LIGHT_SERIES: ReadonlyMap<number, { readonly to: string; readonly replaces?: string }> = new Map([
  // a theme that sets its own charts-orange keeps it: only VS Code's default is replaced
  [2, { to: '#e16900', replaces: '#d18616' }],
  [10, { to: '#d26e91' }],
  [12, { to: '#787805' }],
]);

/** Slot `slot`'s colour `value` as a light theme draws it (LIGHT_SERIES). */
function onLight(slot: number, value: string): string {
  const own = LIGHT_SERIES.get(slot);
  return own && (own.replaces === undefined || own.replaces === value.toLowerCase()) ? own.to : value;
}

export function readTheme(el: HTMLElement = document.body): Theme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  // High Contrast Light's body carries its own class, and as white a background
  const light = el.classList.contains('vscode-light') || el.classList.contains('vscode-high-contrast-light');
  // VS Code gives High Contrast Light's body vscode-high-contrast too (older webviews test only that)
  const highContrast = el.classList.contains('vscode-high-contrast') || el.classList.contains('vscode-high-contrast-light');
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc'));
  return {
    foreground,
    // tick labels are text a High Contrast user reads: the foreground itself, not a faded grey
    muted: highContrast ? foreground : v('--vscode-descriptionForeground', '#9d9d9d'),
    background: v('--vscode-editor-background', '#1e1e1e'),
    grid: v('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    fontFamily: v('--vscode-font-family', 'sans-serif'),
    fontSize: Number.parseFloat(v('--vscode-font-size', '13')) || 13,
    series: SERIES_VARS.map(([name, fallback], i) => (light ? onLight(i + 1, v(name, fallback)) : v(name, fallback))),
    target: v('--vscode-charts-red', '#f14c4c'),
    highContrast,
  };
}

export function colorOf(theme: Theme, slot: number): string {
  if (slot === COLOR_DATA) return theme.foreground;
  if (slot === COLOR_MUTED) return theme.muted;
  if (slot === COLOR_TARGET) return theme.target;
  const i = Math.max(1, Math.floor(slot));
  return theme.series[(i - 1) % theme.series.length]!;
}

/** `color` with alpha, for bands; understands #rgb, #rrggbb and rgb()/rgba(). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? hex[1]!.replace(/./g, (c) => c + c) : hex[1]!;
    const n = Number.parseInt(h, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(color.trim());
  if (rgb) {
    const [r, g, b] = rgb[1]!.split(/[ ,/]+/).map((x) => x.trim());
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}

/** Calls `onChange` whenever VS Code switches theme. */
export function onThemeChange(onChange: () => void): MutationObserver {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return observer;
}
