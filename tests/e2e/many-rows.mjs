// A long application for the journeys and benchmarks that need one: S01 with its provision map
// grown to N rows (S01's seven rows in turn, each with its own id and name), so the map, its
// totals and the core's report have N rows to draw and check without typing them.
import { S01 } from './lib.mjs';

/** S01 with `n` provision rows: row i is S01's row i mod 7, named "… (row i+1)", id `r{i+1}`. */
export function withRows(n) {
  const doc = structuredClone(S01);
  const base = S01.provisionMap.rows;
  doc.provisionMap.rows = Array.from({ length: n }, (_, i) => {
    const row = structuredClone(base[i % base.length]);
    row.id = `r${i + 1}`;
    row.intervention = `${row.intervention} (row ${i + 1})`;
    return row;
  });
  // The figures worked out from the rows are worked out again by the widget.
  for (const k of ['subtotals', 'totalPence', 'schoolContributionPence', 'requestedTopUpPence']) delete doc.provisionMap[k];
  return doc;
}
