import { Injectable, effect, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { I18n } from './i18n';

/** Material's paginator labels, translated and refreshed when the language changes. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18n);

  constructor() {
    super();
    effect(() => {
      const t = this.i18n.t.bind(this.i18n);
      this.itemsPerPageLabel = t('paginator.itemsPerPage');
      this.firstPageLabel = t('paginator.firstPage');
      this.previousPageLabel = t('paginator.previousPage');
      this.nextPageLabel = t('paginator.nextPage');
      this.lastPageLabel = t('paginator.lastPage');
      this.getRangeLabel = (page, pageSize, length) => {
        const start = length === 0 ? 0 : page * pageSize + 1;
        const end = Math.min((page + 1) * pageSize, length);
        return this.i18n.t('paginator.range', { start, end, total: length });
      };
      this.changes.next();
    });
  }
}
