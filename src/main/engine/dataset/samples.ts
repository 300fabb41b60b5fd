// The sample datasets shipped in resources/: one place for their descriptions, used by the
// dataset service (sample list in the UI) and by scripts/generate-samples.ts (resources/README.md).

export interface SampleSpec {
  file: string;
  description: string;
}

export const SAMPLES: readonly SampleSpec[] = [
  {
    file: 'blobs-10k.csv',
    description: '10,000 points in 6 Gaussian blobs (x, y) with the generating blob in true_cluster. The default dataset for k-means.',
  },
  {
    file: 'blobs-400.csv',
    description: '400 points in 3 Gaussian blobs (x, y, true_cluster). Small enough for exact K-medoids (EKM).',
  },
  {
    file: 'iris.csv',
    description: "Fisher's iris flowers: 150 rows, 4 measurements in cm and the species (3 classes).",
  },
];

export function sampleDescription(file: string): string {
  return SAMPLES.find((s) => s.file === file)?.description ?? 'CSV file';
}
