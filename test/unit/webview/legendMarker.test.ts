// Legend marks: a dot for points, a short line in the series' own dash for a line, so the fit
// points and a forecast drawn in the data's colour, or a solid and a dashed line, never look alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartModel, legendMarker } from '../../../webview/chartConfig';
import { COLOR_DATA, type ChartView } from '../../../src/shared/protocol';
import { THEME } from './headlessChart';

const view: ChartView = {
  id: 'c',
  title: 'run',
  xLabel: 'step',
  yLabel: 'loss',
  xLog: true,
  yLog: false,
  series: [
    { id: 'fit', label: 'fit points', role: 'fit', group: 'data', curve: 'run', color: COLOR_DATA, points: [{ x: 1, y: 3 }] },
    { id: 'forecast', label: 'forecast to end of schedule', role: 'forecast', group: 'forecast', curve: 'run', color: COLOR_DATA, points: [{ x: 2, y: 2 }, { x: 3, y: 1.9 }] },
    { id: 'N', label: 'parameters N_opt', role: 'frontier', group: 'N', curve: 'frontier', color: 1, points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] },
    { id: 'iso-N', label: 'N_opt by IsoFLOP profiles', role: 'extrapolation', group: 'iso-N', curve: 'frontier', color: 1, points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] },
  ],
  markers: [],
};

test('legend marks: points a dot, lines a line in their own dash and width', () => {
  const ds = chartModel(view, THEME, new Set()).datasets;
  const mark = (id: string) => legendMarker(ds.find((d) => d.seriesId === id)!);
  assert.deepEqual(mark('fit'), { pointStyle: 'circle', lineDash: [], lineWidth: 1 });
  assert.deepEqual(mark('forecast'), { pointStyle: 'line', lineDash: [], lineWidth: 3 });
  assert.deepEqual(mark('N'), { pointStyle: 'line', lineDash: [], lineWidth: 2 });
  assert.deepEqual(mark('iso-N'), { pointStyle: 'line', lineDash: [3, 2], lineWidth: 2 }, 'the dash halved, to show in a dot-wide line');
  // one colour, two marks
  assert.notDeepEqual(mark('fit'), mark('forecast'));
  assert.notDeepEqual(mark('N'), mark('iso-N'));
});
