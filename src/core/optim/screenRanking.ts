/** The screen-th smallest of the start SSEs added so far (Infinity until there are that many). */
export function screenRanking(screen: number): { add(sse: number): void; limit(): number } {
  const best: number[] = [];
  return {
    add(sse) {
      if (best.length === screen && !(sse < best[screen - 1])) return;
      let i = best.length;
      while (i > 0 && best[i - 1] > sse) i--;
      best.splice(i, 0, sse);
      if (best.length > screen) best.pop();
    },
    limit: () => (screen > 0 && best.length === screen ? best[screen - 1] : Infinity),
  };
}
