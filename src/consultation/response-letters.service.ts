import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { sizeText } from '../common/format/byte-size';
import { conflict, DomainError, notFound } from '../common/errors/domain-error';
import type { UploadedFile } from '../common/http/file-upload';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { readUploadedPdf } from '../signing/pdf-checks';
import { activeResponseSql } from './domain/consultation-sql';
import { ResponseLetterView } from './consultation.views';
import { RoundAccess } from './round-access';

/** Above any letter setting: the upload is read no further than this (LETTER_MAX_BYTES is checked after). */
export const LETTER_UPLOAD_CEILING = 20 * 1024 * 1024;

const LETTER_NOT_FOUND = { vi: 'công văn đính kèm văn bản góp ý', en: 'signed letter of the response' };

/** A file's name as given, without path or control characters, ending in .pdf; a plain one when nothing is left. */
export function letterFileName(original: string): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
  if (!base) return 'cong-van.pdf';
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/**
 * The signed official letter (công văn, a PDF) an agency attaches to its response, beside the
 * number it records: shown to the secretariat and leaders, listed in the consolidation report.
 */
@Injectable()
export class ResponseLettersService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundAccess,
    private readonly config: AppConfig,
  ) {}

  /** Attaches (or replaces) the letter of the agency's standing response, while the round is open. */
  async attach(actor: Actor, roundId: string, file: UploadedFile): Promise<ResponseLetterView> {
    const max = this.config.letterMaxBytes;
    if (file.size > max) {
      throw new DomainError('payload_too_large', {
        vi: `Công văn vượt quá giới hạn ${sizeText(max)} (tệp gửi lên: ${sizeText(file.size)}).`,
        en: `The letter is larger than the ${sizeText(max)} limit (${sizeText(file.size)}).`,
      });
    }
    await readUploadedPdf(file.buffer);
    const fileName = letterFileName(file.originalName);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.uow.run(actor, async (tx) => {
      await this.rounds.forAgencyWrite(actor, roundId, tx.em);
      const agencyId = actor.agencyId!;
      const response = await tx.one<{ id: string }>(
        `SELECT rs.id FROM responses rs WHERE rs.round_id = $1 AND rs.agency_id = $2 AND ${activeResponseSql('rs')} FOR UPDATE`,
        [roundId, agencyId],
      );
      if (!response) {
        throw conflict('no_response', {
          vi: 'Đơn vị chưa gửi văn bản góp ý trong đợt này: hãy gửi văn bản góp ý trước, rồi đính kèm công văn đã ký.',
          en: 'Your agency has not responded in this round: send the response first, then attach the signed letter.',
        });
      }
      const [replaced] = await tx.query<{ sha256: string }>('SELECT sha256 FROM response_letters WHERE response_id = $1', [response.id]);
      await tx.query(
        `INSERT INTO response_letters (response_id, file_name, bytes, sha256, content, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (response_id) DO UPDATE SET file_name = EXCLUDED.file_name, bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256,
           content = EXCLUDED.content, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = EXCLUDED.uploaded_at`,
        [response.id, fileName, file.size, sha256, file.buffer, actor.id, tx.now],
      );
      tx.audit('response.letter_attached', 'round', roundId, {
        responseId: response.id,
        agencyId,
        fileName,
        bytes: file.size,
        sha256,
        replacedSha256: replaced?.sha256 ?? null,
      });
      return {
        responseId: response.id,
        agencyId,
        fileName,
        bytes: file.size,
        sha256,
        uploadedBy: actor.id,
        uploadedByName: actor.fullName,
        uploadedAt: tx.now.toISOString(),
      };
    });
  }

  /** The letter of an agency's standing response: the secretariat and leaders any invited agency's; an agency only its own (else 404). */
  async file(actor: Actor, roundId: string, agencyId: string): Promise<{ fileName: string; content: Buffer }> {
    await this.rounds.reachable(actor, roundId);
    if (actor.role === 'agency' && actor.agencyId !== agencyId) throw notFound(LETTER_NOT_FOUND);
    const [row] = await this.db.query<{ file_name: string; content: Buffer }[]>(
      `SELECT l.file_name, l.content FROM response_letters l JOIN responses rs ON rs.id = l.response_id
        WHERE rs.round_id = $1 AND rs.agency_id = $2 AND ${activeResponseSql('rs')}`,
      [roundId, agencyId],
    );
    if (!row) throw notFound(LETTER_NOT_FOUND);
    return { fileName: row.file_name, content: row.content };
  }
}
