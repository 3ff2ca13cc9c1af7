import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type {
  LetterCoverageDto,
  LetterCoverageResponse,
  LetterImageDto,
  LetterSettingsDto,
  LetterSettingsResponse,
} from './dto/letter-settings.dto';
import type { LetterImageType, LetterSettings } from './letter-settings.entity';
import { LettersRepository } from './letters.repository';

export const MAX_LETTER_IMAGE_BYTES = 512 * 1024;

const SIGNATURES: Record<LetterImageType, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** The image's bytes when they are what its type says; otherwise a 400 naming the field. */
export function imageBytes(field: string, image: LetterImageDto, language: Language): Buffer {
  const bytes = Buffer.from(image.data, 'base64');
  if (bytes.length > MAX_LETTER_IMAGE_BYTES)
    throw ApiError.field(
      HttpStatus.BAD_REQUEST,
      field,
      t('letterSettings.error.imageTooLarge', language, { kib: 512 }),
    );
  if (!SIGNATURES[image.type].every((byte, index) => bytes[index] === byte))
    throw ApiError.field(HttpStatus.BAD_REQUEST, field, t('letterSettings.error.imageType', language));
  return bytes;
}

/** The image type its first bytes show; PNG when neither, so that the check refuses it by content. */
export function imageTypeOf(bytes: Buffer): LetterImageType {
  const matches = (type: LetterImageType) => SIGNATURES[type].every((byte, index) => bytes[index] === byte);
  return matches('image/jpeg') ? 'image/jpeg' : 'image/png';
}

export function settingsView(bodyId: string, settings: LetterSettings | null): LetterSettingsResponse {
  return {
    bodyId,
    letterheadName: settings?.letterheadName ?? {},
    hasLogo: Boolean(settings?.logo),
    signatoryName: settings?.signatoryName ?? {},
    signatoryTitle: settings?.signatoryTitle ?? {},
    hasSignature: Boolean(settings?.signature),
    contactName: settings?.contactName ?? null,
    contactEmail: settings?.contactEmail ?? null,
    contactPhone: settings?.contactPhone ?? null,
  };
}

/** Per body: the letterhead, signatory and contact person of its letters; per invitation: what is covered. */
@Injectable()
export class LetterSettingsService {
  constructor(private readonly repository: LettersRepository) {}

  async get(bodyId: string): Promise<LetterSettingsResponse> {
    if (!(await this.repository.bodyExists(bodyId))) throw ApiError.notFound('Body', bodyId);
    return settingsView(bodyId, await this.repository.settings(bodyId));
  }

  async update(bodyId: string, dto: LetterSettingsDto, language: Language): Promise<LetterSettingsResponse> {
    if (!(await this.repository.bodyExists(bodyId))) throw ApiError.notFound('Body', bodyId);
    const values: Partial<LetterSettings> & { bodyId: string } = { bodyId };
    for (const field of ['letterheadName', 'signatoryName', 'signatoryTitle'] as const)
      if (dto[field] !== undefined) values[field] = dto[field] ?? {};
    for (const field of ['contactName', 'contactEmail', 'contactPhone'] as const)
      if (dto[field] !== undefined) values[field] = dto[field]?.trim() || null;
    if (dto.logo !== undefined) {
      values.logo = dto.logo ? imageBytes('logo', dto.logo, language) : null;
      values.logoType = dto.logo?.type ?? null;
    }
    if (dto.signature !== undefined) {
      values.signature = dto.signature ? imageBytes('signature', dto.signature, language) : null;
      values.signatureType = dto.signature?.type ?? null;
    }
    return settingsView(bodyId, await this.repository.saveSettings(values));
  }

  /** The stored logo or signature with its type, for a page's preview; null when there is none. */
  async image(bodyId: string, which: 'logo' | 'signature'): Promise<{ type: LetterImageType; bytes: Buffer } | null> {
    if (!(await this.repository.bodyExists(bodyId))) throw ApiError.notFound('Body', bodyId);
    const settings = await this.repository.settings(bodyId);
    const bytes = settings?.[which];
    const type = which === 'logo' ? settings?.logoType : settings?.signatureType;
    return bytes && type ? { type, bytes } : null;
  }

  async coverage(meetingId: string, memberId: string): Promise<LetterCoverageResponse> {
    const invitation = await this.repository.invited(meetingId, memberId);
    if (!invitation) throw ApiError.notFound('Invitation of member', memberId);
    return { travelCovered: invitation.travelCovered, accommodationCovered: invitation.accommodationCovered };
  }

  async setCoverage(meetingId: string, memberId: string, dto: LetterCoverageDto): Promise<LetterCoverageResponse> {
    const invitation = await this.repository.invited(meetingId, memberId);
    if (!invitation) throw ApiError.notFound('Invitation of member', memberId);
    await this.repository.setCoverage(invitation.id, dto);
    return {
      travelCovered: dto.travelCovered ?? invitation.travelCovered,
      accommodationCovered: dto.accommodationCovered ?? invitation.accommodationCovered,
    };
  }
}
