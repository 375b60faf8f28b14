import { Logger } from '@nestjs/common';
import { DailyReportSection } from './daily-report-section';
import { DailyReportRegistry } from './daily-report.registry';

const section = (title: string, order?: number, lines: () => Promise<string[]> = async () => [title]) =>
  ({ title, order, lines }) as DailyReportSection;

describe('DailyReportRegistry', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('orders sections by `order`, then by registration, and registers each once', async () => {
    const registry = new DailyReportRegistry();
    const late = section('late');
    registry.register(late);
    registry.register(section('second', 20));
    registry.register(section('first', 10));
    registry.register(late);
    const parts = await registry.build(new Date(0), new Date(1));
    expect(parts.map((p) => p.title)).toEqual(['first', 'second', 'late']);
  });

  it('passes the period to each section and keeps going when one fails', async () => {
    const registry = new DailyReportRegistry();
    const since = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-01-02T00:00:00Z');
    const seen: Date[][] = [];
    registry.register({ title: 'ok', lines: async (s, u) => (seen.push([s, u]), ['fine']) });
    registry.register(section('broken', undefined, () => Promise.reject(new Error('boom'))));
    expect(await registry.build(since, until)).toEqual([
      { title: 'ok', lines: ['fine'] },
      { title: 'broken', lines: ['(this section could not be computed)'] },
    ]);
    expect(seen).toEqual([[since, until]]);
  });
});
