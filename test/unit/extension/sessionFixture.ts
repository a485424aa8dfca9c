// A LensSession's dependencies for unit tests: analysis in-process, the real law registry.
import { analyzeCurve } from '../../../src/core/analyze';
import { CURVE_LAW_IDS, getLaw, listLaws } from '../../../src/core/laws/index';
import type { SessionDeps } from '../../../src/extension/session';
import type { Settings } from '../../../src/extension/settings';

export function testSettings(estimators: readonly string[], over: Partial<Settings> = {}): Settings {
  return { estimators, target: '10x', holdoutFraction: 0, smoothing: 0, bootstrapSamples: 0, pollIntervalMs: 1000, maxChartPoints: 2000, ...over };
}

export function testDeps(s: Settings, extra: Partial<SessionDeps> = {}): SessionDeps {
  return {
    analyze: async (points, options) => analyzeCurve(points, options),
    settings: () => s,
    lawOf: (id) => getLaw(id),
    knownLaws: () => listLaws().map((l) => l.id),
    curveLaws: () => [...CURVE_LAW_IDS],
    ...extra,
  };
}
