import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { insertSection, moveSection, removeSection, replaceSection, SectionText } from './domain/draft-edits';
import type { Section, SectionInput } from './domain/sections';
import { draftEtag, DraftService } from './draft.service';
import type { PutDraftDto } from './dto/create-plan.dto';
import type { DraftView } from './plan.views';

/**
 * One section at a time, as the pages edit the working draft: each edit is applied to the latest
 * draft and saved with the revision the person saw, so a save made on a stale page is refused
 * (412) like the API's PUT with a stale If-Match.
 */
@Injectable()
export class DraftSections {
  constructor(
    private readonly drafts: DraftService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Adds a section at index `at` (null: at the end); returns the saved draft and the new section's key. */
  async add(actor: Actor, planId: string, seenRevision: number, text: SectionText, at: number | null): Promise<{ draft: DraftView; key: string }> {
    const current = await this.drafts.get(actor, planId);
    const { sections, index } = insertSection(current.sections, text, at);
    const draft = await this.save(actor, planId, seenRevision, sections);
    return { draft, key: draft.sections[index].key };
  }

  async replace(actor: Actor, planId: string, key: string, seenRevision: number, text: SectionText, stoodAt: number | null): Promise<DraftView> {
    const current = await this.drafts.get(actor, planId);
    return this.save(actor, planId, seenRevision, replaceSection(current.sections, key, text, stoodAt, await this.frozenKeys(planId)));
  }

  async remove(actor: Actor, planId: string, key: string, seenRevision: number): Promise<DraftView> {
    return this.edit(actor, planId, seenRevision, (sections) => removeSection(sections, key));
  }

  async move(actor: Actor, planId: string, key: string, seenRevision: number, direction: 'up' | 'down'): Promise<DraftView> {
    return this.edit(actor, planId, seenRevision, (sections) => moveSection(sections, key, direction));
  }

  private async edit(actor: Actor, planId: string, seenRevision: number, change: (s: readonly Section[]) => SectionInput[]): Promise<DraftView> {
    const current = await this.drafts.get(actor, planId);
    return this.save(actor, planId, seenRevision, change(current.sections));
  }

  private save(actor: Actor, planId: string, seenRevision: number, sections: SectionInput[]): Promise<DraftView> {
    const dto: PutDraftDto = { sections: sections.map((s) => ({ ...s })) };
    return this.drafts.put(actor, planId, draftEtag(seenRevision), dto);
  }

  private async frozenKeys(planId: string): Promise<Set<string>> {
    const rows: { key: string }[] = await this.db.query(
      `SELECT DISTINCT s->>'key' AS key FROM plan_versions v, jsonb_array_elements(v.sections) s WHERE v.plan_id = $1`,
      [planId],
    );
    return new Set(rows.map((r) => r.key));
  }
}
