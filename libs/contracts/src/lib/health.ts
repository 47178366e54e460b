export type CheckStatus = 'up' | 'down' | 'disabled';

export interface HealthResponse {
  status: 'ok';
  version: string;
  uptimeSeconds: number;
}

export interface ReadinessResponse {
  /** `stopping`: the process received SIGTERM and is being taken out of rotation (still serving). */
  status: 'ready' | 'not_ready' | 'stopping';
  checks: {
    database: { status: CheckStatus; mode: 'embedded' | 'postgres'; detail?: string };
    redis: { status: CheckStatus; detail?: string };
  };
}
