/** Round tick values spanning [min, max]: steps of 1, 2, 2.5 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, wanted = 5): number[] {
  if (min === max) {
    if (min === 0) return [0, 1];
    [min, max] = min > 0 ? [0, max] : [min, 0];
  }
  const rough = (max - min) / wanted;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0, value = first; value <= last + step / 2; i++, value = first + i * step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const formatNumber = (value: number | null): string =>
  value === null ? 'no value' : numberFormat.format(value);
