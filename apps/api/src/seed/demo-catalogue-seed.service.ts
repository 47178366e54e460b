import { Injectable } from '@nestjs/common';
import { AwardRepository } from '../awards/award.repository';
import { checkBadgeImage } from '../credentials/badge-image.util';
import { versionColumns } from '../credentials/credential.mapper';
import { CredentialRepository, type NewVersion } from '../credentials/credential.repository';
import { planDemoAwards, type DemoDefinition, type DemoPerson } from './demo-awards';
import { demoBadgePng } from './demo-badges';
import { DEMO_CREDENTIALS } from './demo-credentials';

/**
 * Seeds the demo catalogue (definitions with their versions and badges) and the awards of the demo staff.
 * Runs inside DemoSeedService's transaction. The awards go in with one set-based statement.
 */
@Injectable()
export class DemoCatalogueSeedService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly awards: AwardRepository,
  ) {}

  async seed(
    people: readonly DemoPerson[],
    random: () => number,
  ): Promise<{ definitions: number; awards: number }> {
    const definitions = new Map<string, DemoDefinition>();
    for (const demo of DEMO_CREDENTIALS) {
      const definition = await this.credentials.insertDefinition({
        code: demo.code,
        category: demo.category,
        escoSkillUri: demo.escoSkillUri,
        status: demo.status,
      });
      const png = demoBadgePng(demo.colour);
      const check = checkBadgeImage(png, 'image/png');
      if (!check.ok) throw new Error(`demo badge of ${demo.code}: ${check.message}`);
      const badgeImageId = await this.credentials.saveBadgeImage(check.info, png);
      const published: Array<{ id: string; publishedOn: string }> = [];
      for (const [i, version] of demo.versions.entries()) {
        const saved = await this.credentials.insertVersion({
          ...(versionColumns({ ...demo.content, ...version.changes }) as Omit<
            NewVersion,
            'definitionId' | 'version' | 'badgeImageId' | 'publishedAt'
          >),
          definitionId: definition.id,
          version: i + 1,
          badgeImageId,
          publishedAt: version.publishedOn ? new Date(`${version.publishedOn}T08:00:00Z`) : null,
        });
        if (version.publishedOn) published.push({ id: saved.id, publishedOn: version.publishedOn });
      }
      if (published.length > 0) {
        await this.credentials.touchDefinition(definition.id, {
          currentVersionId: published[published.length - 1].id,
        });
      }
      definitions.set(demo.code, {
        id: definition.id,
        code: demo.code,
        validity: demo.content.validity,
        versions: published,
      });
    }
    const awards = planDemoAwards(people, definitions, random);
    await this.awards.insertMany(awards);
    return { definitions: definitions.size, awards: awards.length };
  }
}
