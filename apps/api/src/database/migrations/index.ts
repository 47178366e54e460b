import { Foundation1795882893400 } from './1795882893400-Foundation';
import { OrganisationAndPeople1795883702733 } from './1795883702733-OrganisationAndPeople';
import { ImportScimSettings1795884045824 } from './1795884045824-ImportScimSettings';
import { HrImportTweaks1795884445446 } from './1795884445446-HrImportTweaks';
import { CatalogueAndAwards1795887497802 } from './1795887497802-CatalogueAndAwards';

/** Every migration, in order. `npm run migration:generate -- Name` appends to this list. */
export const MIGRATIONS: Function[] = [
  Foundation1795882893400,
  OrganisationAndPeople1795883702733,
  ImportScimSettings1795884045824,
  HrImportTweaks1795884445446,
  CatalogueAndAwards1795887497802,
];
