// The least of a DOM that webview/dom.ts's h() needs, for tests that render the panel's tables
// without a browser: elements with attributes, children and text. And a body for readTheme.
import { readTheme, type Theme } from '../../../webview/theme';

export class FakeNode {
  readonly children: (FakeNode | string)[] = [];
  readonly attrs: Record<string, string> = {};
  constructor(readonly tag: string) {}
  setAttribute(k: string, v: string): void {
    this.attrs[k] = v;
  }
  append(...c: (FakeNode | string)[]): void {
    this.children.push(...c);
  }
  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  cloneNode(): FakeNode {
    const copy = new FakeNode(this.tag);
    Object.assign(copy.attrs, this.attrs);
    copy.append(...this.children.map((c) => (typeof c === 'string' ? c : c.cloneNode())));
    return copy;
  }
  cells(): FakeNode[] {
    return this.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.tag === 'td' ? [c] : []), ...c.cells()]));
  }
}

/** Makes h() build FakeNodes. */
export function useFakeDom(): void {
  const g = globalThis as unknown as { document?: unknown; Node?: unknown };
  g.Node = FakeNode;
  g.document = { createElement: (tag: string) => new FakeNode(tag) };
}

/** readTheme on a body with `classes` whose CSS variables are `vars` (getComputedStyle stubbed for the call). */
export function themeWith(classes: readonly string[], vars: Readonly<Record<string, string>>): Theme {
  const g = globalThis as unknown as { getComputedStyle?: unknown };
  const before = g.getComputedStyle;
  g.getComputedStyle = () => ({ getPropertyValue: (name: string) => vars[name] ?? '' });
  try {
    return readTheme({ classList: { contains: (c: string) => classes.includes(c) } } as unknown as HTMLElement);
  } finally {
    g.getComputedStyle = before;
  }
}
