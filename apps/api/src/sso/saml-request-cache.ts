import type { CacheItem, CacheProvider } from '@node-saml/node-saml';
import type { Clock } from '../common/clock';
import type { SharedState } from '../shared-state/shared-state.port';

/** How long a sign-in (or logout) request may wait for its answer. */
export const SAML_REQUEST_TTL_MS = 10 * 60_000;

const REQUEST_ID = /^[A-Za-z_][\w.-]{0,200}$/;

/**
 * node-saml's InResponseTo cache in {@link SharedState} (Redis when configured), so every API process knows
 * every request ID. Keys carry the identity provider's ID: a response can only answer a request made for the
 * same identity provider. Entries older than {@link SAML_REQUEST_TTL_MS} count as absent even where a store
 * keeps them longer.
 */
export class SamlRequestCache implements CacheProvider {
  constructor(
    private readonly state: SharedState,
    private readonly identityProviderId: string,
    private readonly clock: Clock,
  ) {}

  private key(id: string): string {
    return `saml:req:${this.identityProviderId}:${id}`;
  }

  async saveAsync(id: string, value: string): Promise<CacheItem | null> {
    if (!REQUEST_ID.test(id)) return null;
    await this.state.set(this.key(id), value, SAML_REQUEST_TTL_MS);
    return { value, createdAt: this.clock.now().getTime() };
  }

  async getAsync(id: string): Promise<string | null> {
    if (typeof id !== 'string' || !REQUEST_ID.test(id)) return null;
    const value = await this.state.get(this.key(id));
    if (value === null) return null;
    const issued = Date.parse(value);
    if (!Number.isFinite(issued) || this.clock.now().getTime() - issued >= SAML_REQUEST_TTL_MS) return null;
    return value;
  }

  async removeAsync(id: string | null): Promise<string | null> {
    if (typeof id !== 'string' || !REQUEST_ID.test(id)) return null;
    const value = await this.state.get(this.key(id));
    await this.state.delete(this.key(id));
    return value;
  }
}
