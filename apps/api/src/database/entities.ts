import { BranchEntity } from '../branches/branch.entity';
import { JobOutboxEntity } from '../jobs/job-outbox.entity';
import { RegionEntity } from '../regions/region.entity';

/** Every entity, listed explicitly so the bundled build and the CLI see the same set. */
export const ENTITIES = [RegionEntity, BranchEntity, JobOutboxEntity];
