import { Foundation1795882893400 } from './1795882893400-Foundation';
import { OrganisationAndPeople1795883702733 } from './1795883702733-OrganisationAndPeople';

/** Every migration, in order. `npm run migration:generate -- Name` appends to this list. */
export const MIGRATIONS: Function[] = [Foundation1795882893400, OrganisationAndPeople1795883702733];
