export type CheckStatus = 'up' | 'down' | 'disabled';

export interface HealthResponse {
  status: 'ok';
  version: string;
  uptimeSeconds: number;
}

export interface ReadinessResponse {
  status: 'ready' | 'not_ready';
  checks: {
    database: { status: CheckStatus; mode: 'embedded' | 'postgres'; detail?: string };
    redis: { status: CheckStatus; detail?: string };
  };
}
