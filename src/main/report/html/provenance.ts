// Where a result came from: the dataset (by name and content hash; the absolute path only when
// the user asked for it, since reports get shared) and the machine it was measured on.
import type { MachineFacts, WorkbenchRecord } from '../../../shared/types.ts';
import { escapeHtml, fmt, keyValues, raw, section, type Cell } from './parts.ts';

export function datasetSection(rec: Pick<WorkbenchRecord, 'dataset'>, includePath: boolean): string {
  const ds = rec.dataset;
  const pairs: [string, Cell][] = [['Name', ds.name]];
  pairs.push(['Path', includePath ? raw(`<code>${escapeHtml(ds.path)}</code>`) : 'not included (the file is identified by its SHA-256; write the report with --include-path to show it)']);
  pairs.push(
    ['SHA-256', raw(`<code class="hash">${escapeHtml(ds.hash)}</code>`)],
    ['Rows', fmt(ds.rows)],
    ['Features', `${ds.d}: ${ds.features.join(', ')}`],
    ['Scaling', ds.scaling],
  );
  return section('dataset', 'Dataset', keyValues(pairs));
}

export function machineSection(m: MachineFacts): string {
  return section(
    'machine',
    'Machine',
    keyValues([
      ['CPU', m.cpuModel],
      ['Logical cores', m.logicalCores],
      ['Memory', `${fmt(m.totalMemoryBytes / 2 ** 30, 3)} GiB`],
      ['OS', m.os],
      ['Node', m.node],
      ['V8', m.v8],
      ['Electron', m.electron ?? 'none (Node)'],
      ['Clusterbench', m.appVersion],
    ]),
  );
}
