import { ApiProperty } from '@nestjs/swagger';
import { DocumentResponse } from '../../documents/dto/document.response';

export class PublishedPaperResponse extends DocumentResponse {
  @ApiProperty({
    description:
      'True when every PDF was the same as its current revision: no revision was added (answered with 200, not 201)',
  })
  unchanged!: boolean;
}
