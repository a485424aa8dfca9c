// The forecast's input for the curve it follows, read once per source read: building it walks the
// whole logged series, and the panel asks for it on every render.
import type { SourceData, XKind } from '../../ingest/model/model';
import { forecastInputOf, type ForecastInput } from '../model/forecastInput';
import type { CurveRef } from '../model/curves';

export class ForecastInputs {
  private last: { source: SourceData; id: string; x: XKind; input: ForecastInput | undefined } | undefined;

  /** The input of curve `ref` against `x` in `source`, built again only when one of them changed. */
  of(source: SourceData, ref: CurveRef, x: XKind): ForecastInput | undefined {
    const c = this.last;
    if (c && c.source === source && c.id === ref.id && c.x === x) return c.input;
    const input = forecastInputOf(source, ref, x);
    this.last = { source, id: ref.id, x, input };
    return input;
  }
}
