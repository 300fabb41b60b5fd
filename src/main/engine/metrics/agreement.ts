// How much two clusterings of the same rows agree: the adjusted Rand index and NMI between the two
// labelings (the external scores, with one run standing in for the "classes"), and the clusters of
// run A matched one-to-one to those of run B (Hungarian, most rows kept together) with the rows
// that then change cluster counted. Symmetric in ARI and NMI; cluster numbers do not matter.
import type { AgreementTable } from '../../../shared/compare.ts';
import { confusionFromContingency } from './confusion.ts';
import { contingency } from './contingency.ts';
import { scoresFromContingency } from './external.ts';
import type { Labels } from './labels.ts';

export interface LabelingAgreement {
  n: number;
  ari: number;
  nmi: number;
  table: AgreementTable;
  /** Rows in a matched pair of clusters. */
  matched: number;
  /** n − matched: rows whose cluster in A is not the match of their cluster in B. */
  moved: number;
}

export function labelingAgreement(a: Labels, b: Labels): LabelingAgreement {
  const t = contingency(a, b); // rows: A's clusters, columns: B's
  const scores = scoresFromContingency(t);
  const matching = confusionFromContingency(t);
  return {
    n: t.n,
    ari: scores.ari,
    nmi: scores.nmi,
    table: { clustersA: t.classes, clustersB: t.clusters, counts: matching.counts, aOfB: matching.classOfCluster },
    matched: matching.matched,
    moved: matching.misassigned,
  };
}
