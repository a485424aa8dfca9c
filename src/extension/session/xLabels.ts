// The x axis's name as the log says it (Keras' epoch: "epochs completed"), else its kind's label.
import type { SourceData, XKind } from '../../ingest/model/model';
import { xLabelOf } from '../../ingest/model/epochsCompleted';
import { X_KIND_LABELS } from '../../shared/protocol';
import { xKindsOf, type Columns } from '../model/curves';

/** The chosen x axis's name. */
export function xLabelFor(source: SourceData | undefined, columns: Columns | undefined): string {
  if (!columns) return 'x';
  const { x, y } = columns;
  return ownXLabel(source, x, y) ?? X_KIND_LABELS[x]!;
}

/** How the log names the x kind `x` of the series `y`, when it names it its own way. */
function ownXLabel(source: SourceData | undefined, x: XKind, y: string): string | undefined {
  return source && xLabelOf(source.runs.flatMap((r) => r.series.filter((s) => s.key === y)), x);
}

/** The x choices the log names its own way, for the panel's x dropdown. */
export function ownXLabelsOf(source: SourceData | undefined, columns: Columns | undefined): { xLabels?: Record<string, string> } {
  if (!source || !columns) return {};
  const y = columns.y;
  const own = xKindsOf(source).flatMap((k) => {
    const l = ownXLabel(source, k, y);
    return l ? [[k, l] as const] : [];
  });
  return own.length > 0 ? { xLabels: Object.fromEntries(own) } : {};
}
