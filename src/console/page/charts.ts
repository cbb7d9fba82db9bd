import { h, svg } from './dom.js';

/** One bar's stacked segments, in the order of `series`. */
export interface StackedBar {
  label: string;
  values: number[];
}

const WIDTH = 360;
const HEIGHT = 140;
const PAD = { left: 30, bottom: 20, top: 8, right: 8 };

function frame(title: string, description: string, max: number, ...children: SVGElement[]): HTMLElement {
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  return h(
    'figure',
    { className: 'chart' },
    svg(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `${title}: ${description}`, width: '100%' },
      svg('line', { x1: PAD.left, y1: PAD.top + plotH, x2: WIDTH - PAD.right, y2: PAD.top + plotH, class: 'axis' }),
      svg('text', { x: PAD.left - 4, y: PAD.top + 8, class: 'tick', 'text-anchor': 'end' }, String(max)),
      svg('text', { x: PAD.left - 4, y: PAD.top + plotH, class: 'tick', 'text-anchor': 'end' }, '0'),
      ...children,
    ),
    h('figcaption', {}, title),
  );
}

/**
 * A stacked bar chart as inline SVG (no library): one bar per bucket, one colour class per series.
 */
export function stackedBars(title: string, series: string[], bars: StackedBar[]): HTMLElement {
  const max = Math.max(1, ...bars.map((bar) => bar.values.reduce((a, b) => a + b, 0)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const parts: SVGElement[] = [];
  bars.forEach((bar, index) => {
    let y = PAD.top + plotH;
    bar.values.forEach((value, s) => {
      if (value === 0) return;
      const height = (value / max) * plotH;
      y -= height;
      parts.push(
        svg(
          'rect',
          { x: PAD.left + index * slot + 1, y, width: Math.max(1, slot - 2), height, class: `bar series-${series[s]}` },
          svg('title', {}, `${bar.label}: ${value} ${series[s]}`),
        ),
      );
    });
    if (bars.length <= 12 || index % Math.ceil(bars.length / 6) === 0)
      parts.push(
        svg(
          'text',
          { x: PAD.left + index * slot + slot / 2, y: HEIGHT - 6, class: 'tick', 'text-anchor': 'middle' },
          bar.label,
        ),
      );
  });
  const total = bars.reduce((sum, bar) => sum + bar.values.reduce((a, b) => a + b, 0), 0);
  return frame(title, `${total} in ${bars.length} bars`, max, ...parts);
}
