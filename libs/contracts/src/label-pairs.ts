/** A code and its zh-CN name, as every service's GET /labels lists them (in the contracts' order). */
export interface LabelPair {
  code: string;
  label: string;
}

export const labelPairs = (labels: Record<string, string>): LabelPair[] => Object.entries(labels).map(([code, label]) => ({ code, label }));
