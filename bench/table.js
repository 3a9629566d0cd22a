// The figures of a run: each one's samples summed up as median (min–max), its ratio to the
// bare baseline beside it, and whether it meets its target; printed as the Markdown table
// that BENCHMARKS.md holds.

/** @param {number[]} values */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median: median ?? Number.NaN, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, samples: values.length };
}

/**
 * @typedef {{ group: string, figure: string, unit: string, value: ReturnType<typeof summary>, baseline: { name: string, value: ReturnType<typeof summary> } | null, target: string }} Row
 * @type {Row[]}
 */
export const rows = [];

/**
 * Records a figure beside its baseline. The target is read by `verdict`: each clause such as
 * `≤ 1 ms` or `≤ 2 × bare` (clauses apart by `,` or `;`) is checked; other words are notes.
 * @param {string} group @param {string} figure @param {number[]} values
 * @param {{ name: string, values: number[] } | null} baseline @param {string} target @param {string} [unit]
 */
export function record(group, figure, values, baseline, target, unit = 'ms') {
  const row = { group, figure, unit, value: summary(values), baseline: baseline ? { name: baseline.name, value: summary(baseline.values) } : null, target };
  rows.push(row);
  const judged = verdict(row);
  console.log(`  ${figure}: ${format(row.value, unit)}${row.baseline ? `  vs ${row.baseline.name}: ${format(row.baseline.value, unit)} (× ${ratio(row)})` : ''}${judged === '—' ? '' : `  [${target}: ${judged}]`}`);
}

/** @param {ReturnType<typeof summary>} value @param {string} unit */
function format(value, unit) {
  const number = (/** @type {number} */ n) => (unit === 'bytes' ? `${(n / 1024).toFixed(1)} KB` : n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(3));
  const spread = value.samples > 1 ? ` (${number(value.min)}–${number(value.max)})` : '';
  return `${number(value.median)}${unit === 'bytes' ? '' : ` ${unit}`}${spread}`;
}

/** The ratio of the medians as printed, or '' without a baseline. @param {Row} row */
export function ratio(row) {
  if (!row.baseline || row.baseline.value.median === 0) return '';
  return (row.value.median / row.baseline.value.median).toFixed(2);
}

const LIMIT = /^(?:and\s+)?≤\s*([\d.]+)\s*(×|ms|s|KB)(?=\s|$)/;

/**
 * `met` when the median (against `≤ N ms`, `≤ N s`, `≤ N KB`) and the printed ratio (against
 * `≤ N ×`) are within every limit the target states, `missed` when one is not, and `—` when
 * the target states none (a note such as `overhead`, or a goal written `goal < 1 s`).
 * @param {Row} row
 */
export function verdict(row) {
  let checked = false;
  for (const clause of row.target.split(/[,;]/)) {
    const limit = LIMIT.exec(clause.trim());
    if (!limit) continue;
    const bound = Number(limit[1]);
    const unit = limit[2];
    /** @type {number | null} */
    let measured = null;
    // A baseline of 0 ms makes any cost an infinite ratio: missed, not unknown.
    if (unit === '×') measured = row.baseline ? (ratio(row) === '' ? Number.POSITIVE_INFINITY : Number(ratio(row))) : null;
    else if (unit === 'ms' && row.unit === 'ms') measured = row.value.median;
    else if (unit === 's' && row.unit === 'ms') measured = row.value.median / 1000;
    else if (unit === 'KB' && row.unit === 'bytes') measured = row.value.median / 1024;
    if (measured === null) throw new Error(`the target "${row.target}" of "${row.figure}" cannot be checked against its ${row.unit}`);
    checked = true;
    if (!(measured <= bound)) return 'missed';
  }
  return checked ? 'met' : '—';
}

export function printTable() {
  const header = ['figure', 'median (min–max)', 'baseline', 'baseline median (min–max)', 'ratio', 'target', 'met?'];
  const lines = rows.map((row) => [row.figure, format(row.value, row.unit), row.baseline?.name ?? '—', row.baseline ? format(row.baseline.value, row.unit) : '—', ratio(row) || '—', row.target, verdict(row)]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const print = (/** @type {string[]} */ cells) => console.log(`| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`);
  console.log('');
  print(header);
  print(widths.map((width) => '-'.repeat(width)));
  let group = '';
  for (const [index, line] of lines.entries()) {
    const row = rows[index];
    if (row && row.group !== group) {
      group = row.group;
      print([`**${group}**`, ...header.slice(1).map(() => '')]);
    }
    print(line);
  }
}
