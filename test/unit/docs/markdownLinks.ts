// The links and heading anchors of a Markdown file, as GitHub renders them: what the docs tests
// check (every relative link resolves) and what packaging follows (every file the README reaches).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** The lines outside fenced code blocks: a `# comment` in a shell block is no heading. */
function proseLines(markdown: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) { fenced = !fenced; continue; }
    if (!fenced) lines.push(line);
  }
  return lines;
}

/** GitHub's slug (github-slugger): the heading's rendered text lowercased, punctuation and symbols but - and _ dropped, spaces as -. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or image reads as its text
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|\*|~~)/g, '')
    .trim();
  return text.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a file's headings give, a repeated slug numbered -1, -2 … as GitHub numbers it. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of proseLines(markdown)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = githubSlug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The targets of a file's links and images outside code, as written (`docs/cli.md#options`, `#settings`, `../media/a.png`). */
export function linkTargets(markdown: string): string[] {
  // a code span may show link syntax (`[x](y)`) that is no link
  return proseLines(markdown).flatMap((line) => [...line.replace(/`[^`]*`/g, '``').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
}

/** A link to a web page or mail address, which these tests do not follow. */
export const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Each relative link of the file at `path` that does not resolve: a missing file or an anchor no heading there gives. */
export function brokenLinks(path: string): string[] {
  const markdown = readFileSync(path, 'utf8');
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (isExternal(target)) continue;
    const [file, anchor] = target.split('#') as [string, string | undefined];
    const resolved = file === '' ? path : normalize(join(dirname(path), decodeURIComponent(file)));
    if (!existsSync(resolved)) { broken.push(`${target} (no file ${resolved})`); continue; }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md')) { broken.push(`${target} (an anchor into a file that is not Markdown)`); continue; }
    if (!anchors(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${target} (no heading in ${resolved} gives #${anchor})`);
  }
  return broken;
}

/** The files reached from `start` through relative links, Markdown followed onwards, paths relative to the repository root. */
export function filesReached(start: string): string[] {
  const reached = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const target of linkTargets(readFileSync(path, 'utf8'))) {
      if (isExternal(target)) continue;
      const file = target.split('#')[0]!;
      if (file === '') continue;
      const resolved = normalize(join(dirname(path), decodeURIComponent(file))).replace(/\\/g, '/');
      if (reached.has(resolved)) continue;
      reached.add(resolved);
      if (resolved.endsWith('.md') && existsSync(resolved)) queue.push(resolved);
    }
  }
  return [...reached];
}
