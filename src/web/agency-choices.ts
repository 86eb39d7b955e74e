import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import type { AgencyView } from '../agencies/agency.view';

/**
 * Every agency, for the pickers of the forms (a <select> or checkboxes cannot page). A province has
 * a few dozen to a couple of hundred agencies, so they are read in pages of the API's size, all of them.
 */
@Injectable()
export class AgencyChoices {
  constructor(private readonly agencies: AgenciesService) {}

  async all(): Promise<AgencyView[]> {
    const all: AgencyView[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.agencies.list({ limit: 200, offset });
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
    }
  }
}
