import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sha256Hex } from './domain/cms-check';
import { readPdfSignatures } from './domain/pdf-signatures';
import { VerifiedDocumentView, VerifyResultView } from './dto/signing.views';
import { PdfChecks } from './pdf-checks';

/** "Kiểm tra chữ ký": anyone signed in checks a PDF against duthao. */
@Injectable()
export class VerifyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checks: PdfChecks,
  ) {}

  async verify(file: Buffer): Promise<VerifyResultView> {
    const { verdict, pages } = await this.checks.check(file);
    return {
      signed: verdict.signed,
      valid: verdict.valid,
      coversWholeDocument: verdict.coversWholeDocument,
      signatures: verdict.signatures.map(({ problem: _problem, ...s }) => s),
      document: await this.documentOf(file),
      pages: pages.length,
    };
  }

  /**
   * The duthao document this file is: by the file's SHA-256, or by that of a revision a signature
   * covers (a leader's tool that adds its signature as an incremental update keeps duthao's file
   * unchanged in front of it).
   */
  private async documentOf(file: Buffer): Promise<VerifiedDocumentView | null> {
    const hashes = [
      sha256Hex(file),
      ...readPdfSignatures(file)
        .filter((s) => s.revisionEnd > 0)
        .map((s) => sha256Hex(file.subarray(0, s.revisionEnd))),
    ];
    const [row]: { id: string; kind: VerifiedDocumentView['kind']; plan_id: string; version: number | null }[] = await this.db.query(
      `SELECT id, kind, plan_id, (subject->>'versionNumber')::int AS version FROM documents
       WHERE sha256 = ANY($1::text[]) AND status = 'done' ORDER BY array_position($1::text[], sha256), created_at LIMIT 1`,
      [hashes],
    );
    return row ? { id: row.id, kind: row.kind, planId: row.plan_id, versionNumber: row.version } : null;
  }
}
