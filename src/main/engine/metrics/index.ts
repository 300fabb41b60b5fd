// Public API of the metrics engine room (electron-free, pure functions over labels and datasets).
export { type Labels, encodeLabels } from './labels.ts';
export { contingency, type Contingency } from './contingency.ts';
export { minCostAssignment, maxWeightAssignment } from './hungarian.ts';
export {
  externalScores,
  scoresFromContingency,
  adjustedRandFromContingency,
  mutualInformation,
  entropyOfCounts,
  type ExternalScores,
} from './external.ts';
export { classesToClusters, confusionFromContingency, type ConfusionTable } from './confusion.ts';
export { clusterCodes, type ClusterCodes } from './cluster-codes.ts';
export { silhouette, SILHOUETTE_EXACT_LIMIT, type SilhouetteOptions, type SilhouetteResult, type ClusterSilhouette } from './silhouette.ts';
export { daviesBouldin, calinskiHarabasz, centroidsOf } from './centroid-scores.ts';
export { qualityScores, type QualityScores } from './quality.ts';
export { metricsHandlers } from './handlers.ts';
export { qualitySummary, silhouetteSummary, validationSummary, SILHOUETTE_PROFILE_POINTS, type KnownClasses } from './summaries.ts';
export { clusterProfiles, type ProfileOptions, type ProfileScaling } from './profiles.ts';
export { profileFeature, quantileOfSorted } from './profile-kernel.ts';
export { labelingAgreement, type LabelingAgreement } from './agreement.ts';
