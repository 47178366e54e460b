/** Route names shared by the API controllers and the admin UI's data-access services. */
export const API_PREFIX = '/api';
export const API_V1 = `${API_PREFIX}/v1`;

export const ApiRoutes = {
  health: `${API_PREFIX}/health`,
  ready: `${API_PREFIX}/ready`,
  docs: `${API_PREFIX}/docs`,
  branches: `${API_V1}/branches`,
  branch: (id: string) => `${API_V1}/branches/${encodeURIComponent(id)}`,
  branchArchive: (id: string) => `${API_V1}/branches/${encodeURIComponent(id)}/archive`,
  branchRestore: (id: string) => `${API_V1}/branches/${encodeURIComponent(id)}/restore`,
  regions: `${API_V1}/regions`,
} as const;
